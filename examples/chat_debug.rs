fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    for s in postmortem::chat::shapes(&text) {
        println!("{s}");
    }
    let t = postmortem::chat::read(&text);
    for m in &t.messages {
        println!("{:?} | {:?} | {:?} | {:?}", m.stamp.day, m.stamp.time, m.author, m.text);
    }
    println!("system {}", t.system_lines);
}
