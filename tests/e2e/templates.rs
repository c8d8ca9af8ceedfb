//! New from template: each template opens as a new draft with its sections,
//! its prompts shown in the empty fields and none of them in the Markdown.

use postmortem::export;
use postmortem::templates::TEMPLATES;

use super::{assert_no_errors, normalised, start, stored_titles};
use crate::support::*;

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn each_template_opens_as_a_new_draft_with_its_prompts_as_hints_only() {
    let (_host, _driver, c, _profile) = start().await;
    let mut drafts = stored_titles(&c).await.len();
    for template in TEMPLATES {
        button(&c, "Drafts").await.click().await.unwrap();
        button(&c, &format!("New from template: {}", template.title)).await.click().await.unwrap();
        drafts += 1;
        eventually(&format!("{}: a new draft stored", template.name), || async {
            stored_titles(&c).await.len() == drafts
        })
        .await;

        // The preview is the template's document, sections and all.
        let want = normalised(
            &c,
            &postmortem::render::to_html(&export::to_markdown(&template.document())),
        )
        .await;
        eventually(&format!("{}: its sections in the preview", template.name), || async {
            preview_html(&c).await == want
        })
        .await;

        // Its prompts are the empty fields' placeholders.
        for (field, prompt) in template.prompts {
            let selector = match field.strip_prefix("section:") {
                Some(_) => continue,
                None => format!("#{field}"),
            };
            let shown = c
                .find(fantoccini::Locator::Css(&selector))
                .await
                .unwrap_or_else(|_| panic!("{}: no field {field}", template.name))
                .attr("placeholder")
                .await
                .unwrap();
            assert_eq!(shown.as_deref(), Some(*prompt), "{}: {field}", template.name);
        }
        let section_hints = c
            .execute(
                "return [...document.querySelectorAll('textarea[id^=custom-]')].map(t => t.placeholder)",
                vec![],
            )
            .await
            .unwrap();
        let want_hints: Vec<&str> = template
            .document()
            .custom
            .iter()
            .map(|s| template.section_prompt(&s.heading).unwrap_or_default())
            .collect();
        assert_eq!(section_hints, serde_json::json!(want_hints), "{}", template.name);

        // None of them is in the Markdown.
        button(&c, "Markdown").await.click().await.unwrap();
        let markdown = c
            .execute(
                "return document.querySelector('pre.raw-markdown:not(.hidden)').textContent",
                vec![],
            )
            .await
            .unwrap();
        let markdown = markdown.as_str().unwrap_or_default();
        assert!(markdown.starts_with("# Postmortem"), "{markdown}");
        for (field, prompt) in template.prompts {
            assert!(
                !markdown.contains(prompt),
                "{}: the prompt for {field} exported",
                template.name
            );
        }
        button(&c, "Preview").await.click().await.unwrap();
    }
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}
