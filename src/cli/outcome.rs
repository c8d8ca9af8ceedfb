//! How a command ends, as its exit code: 0 when all is well, 1 when it
//! found what it looks for (an error, a file to format), 2 when a path
//! could not be read or written (and, from clap, when the command line is
//! wrong). The worst of a run's files decides.

use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Clean = 0,
    Found = 1,
    Trouble = 2,
}

impl Outcome {
    pub fn worst(self, other: Outcome) -> Outcome {
        self.max(other)
    }
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(o as u8)
    }
}
