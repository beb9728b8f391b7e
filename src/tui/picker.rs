//! A searchable list to pick from: the people in a check-in, or a label to
//! add in the review pane. Typing narrows the list; Enter on a name that is
//! not there adds it (when new items are allowed).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker {
    pub items: Vec<String>,
    pub chosen: Vec<String>,
    pub query: String,
    pub cursor: usize,
    pub allow_new: bool,
    /// Pick one and be done (the label picker), or toggle many (people).
    pub single: bool,
}

/// What a key did to the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Nothing,
    Changed,
    /// A single-choice picker chose this item.
    Chosen(String),
}

impl Picker {
    pub fn new(items: Vec<String>, allow_new: bool, single: bool) -> Picker {
        Picker {
            items,
            allow_new,
            single,
            ..Picker::default()
        }
    }

    /// The items matching the query, in order.
    pub fn visible(&self) -> Vec<&str> {
        let q = self.query.to_lowercase();
        self.items
            .iter()
            .map(String::as_str)
            .filter(|i| q.is_empty() || i.to_lowercase().contains(&q))
            .collect()
    }

    pub fn is_chosen(&self, item: &str) -> bool {
        self.chosen.iter().any(|c| c.eq_ignore_ascii_case(item))
    }

    fn toggle(&mut self, item: &str) {
        if let Some(i) = self
            .chosen
            .iter()
            .position(|c| c.eq_ignore_ascii_case(item))
        {
            self.chosen.remove(i);
        } else {
            self.chosen.push(item.to_string());
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Picked {
        let visible_len = self.visible().len();
        match key.code {
            KeyCode::Up => {
                self.cursor = self.cursor.saturating_sub(1);
                Picked::Nothing
            }
            KeyCode::Down => {
                if self.cursor + 1 < visible_len {
                    self.cursor += 1;
                }
                Picked::Nothing
            }
            KeyCode::Char(' ') if !self.single && self.query.is_empty() => self.pick_under_cursor(),
            KeyCode::Enter => {
                let query = self.query.trim().to_string();
                let exact = self
                    .items
                    .iter()
                    .find(|i| i.eq_ignore_ascii_case(&query))
                    .cloned();
                if !query.is_empty() && exact.is_none() && visible_len == 0 && self.allow_new {
                    self.items.push(query.clone());
                    self.query.clear();
                    self.cursor = 0;
                    return self.pick(&query);
                }
                let picked = match exact {
                    Some(item) => self.pick(&item),
                    None => self.pick_under_cursor(),
                };
                self.query.clear();
                self.cursor = 0;
                picked
            }
            KeyCode::Backspace => {
                if self.query.pop().is_some() {
                    self.cursor = 0;
                }
                Picked::Nothing
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.query.push(c);
                self.cursor = 0;
                Picked::Nothing
            }
            _ => Picked::Nothing,
        }
    }

    fn pick_under_cursor(&mut self) -> Picked {
        match self.visible().get(self.cursor).map(|s| s.to_string()) {
            Some(item) => self.pick(&item),
            None => Picked::Nothing,
        }
    }

    fn pick(&mut self, item: &str) -> Picked {
        if self.single {
            Picked::Chosen(item.to_string())
        } else {
            self.toggle(item);
            Picked::Changed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(p: &mut Picker, text: &str) {
        for c in text.chars() {
            p.handle_key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_narrows_and_space_toggles() {
        let mut p = Picker::new(
            vec!["Sam".into(), "Mum".into(), "Samira".into()],
            true,
            false,
        );
        assert_eq!(p.handle_key(key(KeyCode::Char(' '))), Picked::Changed);
        assert_eq!(p.chosen, ["Sam"]);
        typed(&mut p, "mu");
        assert_eq!(p.visible(), ["Mum"]);
        assert_eq!(p.handle_key(key(KeyCode::Enter)), Picked::Changed);
        assert_eq!(p.chosen, ["Sam", "Mum"]);
        assert!(p.query.is_empty());
    }

    #[test]
    fn enter_on_an_unknown_name_adds_it() {
        let mut p = Picker::new(vec!["Sam".into()], true, false);
        typed(&mut p, "Ifeoma");
        p.handle_key(key(KeyCode::Enter));
        assert_eq!(p.chosen, ["Ifeoma"]);
        assert!(p.items.contains(&"Ifeoma".to_string()));
    }

    #[test]
    fn a_single_picker_returns_its_choice() {
        let mut p = Picker::new(
            vec!["signs/curt-reply".into(), "steps/therapy".into()],
            false,
            true,
        );
        typed(&mut p, "ther");
        assert_eq!(
            p.handle_key(key(KeyCode::Enter)),
            Picked::Chosen("steps/therapy".into())
        );
    }
}
