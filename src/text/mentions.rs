//! The people (`@Sam`, `@Mary-Jane`) and tags (`#work`) a writer marks in an
//! entry. An `@` inside a word (an e-mail address) marks no one, and a `#`
//! followed only by digits ("#2 in the queue") is no tag.

/// The people marked with `@` in `text`, in order of first appearance,
/// without duplicates (compared case-insensitively). A possessive `'s`
/// is not part of the name.
pub fn people(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for name in marked_words(text, '@') {
        let name = strip_possessive(name);
        if name.chars().any(char::is_alphabetic)
            && !found
                .iter()
                .any(|f| f.to_lowercase() == name.to_lowercase())
        {
            found.push(name.to_string());
        }
    }
    found
}

/// The tags marked with `#` in `text`, lower-cased, in order, without duplicates.
pub fn tags(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for tag in marked_words(text, '#') {
        let tag = tag.to_lowercase();
        if tag.chars().any(char::is_alphabetic) && !found.contains(&tag) {
            found.push(tag);
        }
    }
    found
}

/// Words that directly follow `marker` where the marker starts a word.
fn marked_words(text: &str, marker: char) -> impl Iterator<Item = &str> {
    // From marker to marker, not char by char: an import reads every
    // entry's marks, and most text has none.
    text.match_indices(marker).filter_map(move |(i, _)| {
        let starts_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|p| !(p.is_alphanumeric() || p == '_' || p == marker));
        if !starts_word {
            return None;
        }
        let rest = &text[i + marker.len_utf8()..];
        let end = rest
            .char_indices()
            .find(|&(_, ch)| !is_name_char(ch))
            .map_or(rest.len(), |(j, _)| j);
        // A name may contain - or ' but not end with them ("@Sam-" -> "Sam").
        let word = rest[..end].trim_end_matches(['-', '\'', '’']);
        (!word.is_empty()).then_some(word)
    })
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '\'' | '’')
}

fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_found_once_in_order() {
        let text = "Left @Sam on read. @mum called; @Sam's text is still there. @Mary-Jane too.";
        assert_eq!(people(text), vec!["Sam", "mum", "Mary-Jane"]);
    }

    #[test]
    fn email_addresses_mark_nobody() {
        assert!(people("wrote to jo@example.com").is_empty());
        assert!(people("@ the park, @123").is_empty());
    }

    #[test]
    fn tags_are_lowercased_and_need_a_letter() {
        assert_eq!(
            tags("#Work was long. #work #2 again, c#sharp #family-stuff."),
            vec!["work", "family-stuff"]
        );
    }
}
