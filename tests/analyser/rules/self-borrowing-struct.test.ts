// Valid and invalid snippets for the `self-borrowing-struct` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/self-borrowing-struct.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a tuple struct whose slices borrow another source',
      code: `pub struct Fields<'a>(String, Vec<&'a str>);
impl<'a> Fields<'a> {
    pub fn split(text: String, source: &'a str) -> Fields<'a> {
        let mut f = Fields(text, Vec::new());
        f.1 = source.split(';').collect();
        f
    }
}
`,
    },
    {
      name: 'lending one value mutably and borrowing the text of another',
      code: `pub struct Doc<'a> {
    text: String,
    lines: Vec<&'a str>,
}
fn index<'a>(doc: &mut Doc<'a>, text: &'a str) {
    doc.lines.extend(text.lines());
}
pub fn open(source: &Doc<'_>) -> usize {
    let mut doc = Doc { text: String::new(), lines: Vec::new() };
    index(&mut doc, &source.text);
    doc.lines.len() + doc.text.len()
}
`,
    },
    {
      name: 'a helper that returns owned words from a borrow of the text',
      code: `pub struct Words<'a> {
    text: String,
    words: Vec<String>,
    first: &'a str,
}
fn split(text: &str) -> Vec<String> {
    text.split(' ').map(String::from).collect()
}
impl<'a> Words<'a> {
    pub fn new(text: String, first: &'a str) -> Words<'a> {
        let words = split(&text);
        Words { text, words, first }
    }
}
`,
    },
    {
      name: 'a collection of borrows from another source, and an owned copy of the text',
      code: `pub struct Doc<'a> {
    text: String,
    words: Vec<&'a str>,
}
impl<'a> Doc<'a> {
    pub fn parse(text: String, source: &'a str) -> Doc<'a> {
        let mut words = Vec::new();
        for word in source.split_whitespace() {
            words.push(word);
        }
        let label = text.clone();
        Doc { text: label, words }
    }
    pub fn first(&self) -> Option<&'a str> {
        self.words.first().copied()
    }
    pub fn text(&self) -> &str {
        &self.text
    }
}
`,
    },
    {
      name: 'storing a range instead of a reference',
      code: `pub struct Line { raw: String, key: std::ops::Range<usize> }
impl Line {
    pub fn parse(raw: String) -> Line {
        let end = raw.find('=').unwrap_or(raw.len());
        Line { raw, key: 0..end }
    }
    pub fn key(&self) -> &str { &self.raw[self.key.clone()] }
}
`,
    },
    {
      name: 'a struct borrowing from outside',
      code: `pub struct Tokens<'a> { src: &'a str, seen: Vec<String> }
pub fn count(text: String) -> usize {
    let t = Tokens { src: &text, seen: Vec::new() };
    t.src.len() + t.seen.len()
}
`,
    },
    {
      name: 'a self-borrow that is never moved',
      code: `pub struct S<'a> { data: String, r: &'a str }
pub fn g(data: String) -> usize {
    let mut s = S { data, r: "" };
    s.r = &s.data;
    s.r.len()
}
`,
    },
    {
      name: 'a collection of references filled from a string that lives outside the struct',
      code: `pub struct Index<'a> {
    text: String,
    words: Vec<&'a str>,
}
pub fn build<'a>(source: &'a str) -> Index<'a> {
    let mut idx = Index { text: source.to_uppercase(), words: Vec::new() };
    for w in source.split(' ') {
        if let Some(clean) = w.strip_suffix(',') {
            idx.words.push(clean);
        }
    }
    let done = idx;
    done
}
`,
    },
    {
      name: 'a loop pushing to the owner and storing an index into it',
      code: `pub struct Log { lines: Vec<String>, newest: Option<usize> }
pub fn feed(input: &[&str]) -> Option<String> {
    let mut log = Log { lines: Vec::new(), newest: None };
    for s in input {
        log.lines.push(s.to_string());
        log.newest = Some(log.lines.len() - 1);
    }
    log.newest.map(|i| log.lines[i].clone())
}
`,
    },
    {
      name: 'a loop storing a borrow of outside data next to an owned Vec it pushes to',
      code: `pub struct Log<'a> { lines: Vec<String>, newest: Option<&'a str> }
pub fn feed<'a>(input: &'a [String]) -> usize {
    let mut log = Log { lines: Vec::new(), newest: None };
    for s in input {
        log.lines.push(s.clone());
        log.newest = input.last().map(|s| s.as_str());
    }
    log.lines.len() + log.newest.map_or(0, |s| s.len())
}
`,
    },
    {
      name: 'a loop that breaks right after borrowing the owner (no next pass)',
      code: `pub struct Log<'a> { lines: Vec<String>, newest: Option<&'a String> }
pub fn first(input: &[&str]) -> usize {
    let mut log = Log { lines: Vec::new(), newest: None };
    for s in input {
        log.lines.push(s.to_string());
        log.newest = log.lines.last();
        break;
    }
    log.newest.map_or(0, |s| s.len())
}
`,
    },
  ],
  invalid: [
    {
      name: 'a tuple struct that stores slices of its own String',
      code: `pub struct Fields<'a>(String, Vec<&'a str>);
impl<'a> Fields<'a> {
    pub fn split(text: String) -> Fields<'a> {
        let mut f = Fields(text, Vec::new());
        f.1 = f.0.split(';').collect();
        f
    }
}
`,
      errors: [
        { line: 6, column: 9, messageId: 'movedWhileBorrowed', rustc: 'E0505', severity: 'error' },
      ],
    },
    {
      name: 'a value lent mutably and its own text borrowed in the same call',
      code: `pub struct Doc<'a> {
    text: String,
    lines: Vec<&'a str>,
}
fn index<'a>(doc: &mut Doc<'a>, text: &'a str) {
    doc.lines.extend(text.lines());
}
pub fn open(text: String) -> usize {
    let mut doc = Doc { text, lines: Vec::new() };
    index(&mut doc, &doc.text);
    doc.lines.len()
}
`,
      errors: [
        { line: 10, column: 21, messageId: 'lentAndBorrowed', rustc: 'E0502', severity: 'error' },
      ],
    },
    {
      name: 'borrows made by a helper fn whose return type borrows its argument',
      code: `pub struct Words<'a> {
    text: String,
    words: Vec<&'a str>,
}
fn split(text: &str) -> Vec<&str> {
    text.split(' ').collect()
}
impl<'a> Words<'a> {
    pub fn new(text: String) -> Words<'a> {
        let words = split(&text);
        Words { text, words }
    }
}
`,
      errors: [
        { line: 11, column: 9, messageId: 'returnsSelfBorrow', rustc: 'E0515', severity: 'error' },
      ],
    },
    {
      name: 'a self-borrowing value pushed into a Vec declared outside the loop',
      code: `struct Message<'a> { body: String, subject: &'a str }
pub fn many(texts: &[&str]) -> usize {
    let mut sent: Vec<Message> = Vec::new();
    for text in texts {
        let mut msg = Message { body: text.to_string(), subject: "" };
        msg.subject = msg.body.lines().next().unwrap_or("");
        sent.push(msg);
    }
    sent.len()
}
`,
      errors: [
        { line: 6, column: 23, messageId: 'outlivesOwner', rustc: 'E0597', severity: 'error' },
      ],
    },
    {
      name: 'a self-borrowing value pushed into a Vec of the same block',
      code: `struct Message<'a> { body: String, subject: &'a str }
pub fn one() -> usize {
    let mut sent: Vec<Message> = Vec::new();
    let mut msg = Message { body: "a b".to_string(), subject: "" };
    msg.subject = msg.body.lines().next().unwrap_or("");
    sent.push(msg);
    sent.len()
}
`,
      errors: [
        { line: 6, column: 15, messageId: 'movedWhileBorrowed', rustc: 'E0505', severity: 'error' },
      ],
    },
    {
      name: 'borrows collected in a loop into a Vec, then returned next to their owner',
      code: `pub struct Doc<'a> {
    text: String,
    words: Vec<&'a str>,
}
impl<'a> Doc<'a> {
    pub fn parse(text: String) -> Doc<'a> {
        let mut words = Vec::new();
        for word in text.split_whitespace() {
            words.push(word);
        }
        Doc { text, words }
    }
}
`,
      errors: [
        { line: 11, column: 9, messageId: 'returnsSelfBorrow', rustc: 'E0515', severity: 'error' },
      ],
    },
    {
      name: 'a constructor returning the literal',
      code: `pub struct Line<'a> { raw: String, key: &'a str }
impl<'a> Line<'a> {
    pub fn parse(raw: String) -> Line<'a> {
        let key = raw.split('=').next().unwrap_or("");
        Line { raw, key }
    }
}
`,
      errors: [
        { line: 5, column: 9, messageId: 'returnsSelfBorrow', rustc: 'E0515', severity: 'error' },
      ],
    },
    {
      name: 'a local that borrows itself, then returned',
      code: `pub struct Line<'a> { raw: String, key: &'a str }
pub fn parse<'a>(raw: String) -> Line<'a> {
    let mut line = Line { raw, key: "" };
    let end = line.raw.find('=').unwrap_or(line.raw.len());
    line.key = &line.raw[..end];
    line
}
`,
      errors: [
        { line: 6, column: 5, messageId: 'movedWhileBorrowed', rustc: 'E0505', severity: 'error' },
      ],
    },
    {
      name: 'a method storing a borrow of its own field',
      code: `pub struct Roster<'a> { names: Vec<String>, current: Option<&'a str> }
impl<'a> Roster<'a> {
    pub fn add(&mut self, name: String) {
        self.names.push(name);
        self.current = self.names.last().map(|s| s.as_str());
    }
}
`,
      errors: [
        { line: 5, column: 9, messageId: 'lifetimeTooShort', rustc: null, severity: 'error' },
      ],
    },
    {
      name: 'a Self literal in a constructor',
      code: `pub struct Doc<'a> { text: String, title: &'a str }
impl<'a> Doc<'a> {
    pub fn new(text: String) -> Self {
        let title = text.lines().next().unwrap_or("");
        Self { text, title }
    }
}
`,
      errors: [
        { line: 5, column: 9, messageId: 'returnsSelfBorrow', rustc: 'E0515', severity: 'error' },
      ],
    },
    {
      name: 'mutating the owner while it is borrowed',
      code: `pub struct Index<'a> { words: Vec<String>, longest: Option<&'a String> }
pub fn demo() {
    let mut idx = Index { words: vec!["a".into()], longest: None };
    idx.longest = idx.words.iter().max_by_key(|w| w.len());
    idx.words.push("bbb".into());
    println!("{:?}", idx.longest);
}
`,
      errors: [
        {
          line: 5,
          column: 5,
          messageId: 'mutatedWhileBorrowed',
          rustc: 'E0502',
          severity: 'error',
        },
      ],
    },
    {
      name: 'moving the owner into the literal first',
      code: `pub struct S<'a> { data: String, r: &'a str }
pub fn keep(v: &mut Vec<String>, data: String) {
    let s = S { data, r: &data };
    v.push(s.data);
}
`,
      errors: [
        { line: 3, column: 26, messageId: 'ownerMovedFirst', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: "a method taking &'a mut self, then a mutable use",
      code: `struct Config<'a> { raw: String, name: &'a str }
impl<'a> Config<'a> {
    fn parse(&'a mut self) {
        self.name = self.raw.split('=').nth(1).unwrap_or("");
    }
}
fn main() {
    let mut cfg = Config { raw: String::from("name=demo"), name: "" };
    cfg.parse();
    cfg.raw.push_str(";ttl=5");
}
`,
      errors: [
        { line: 10, column: 5, messageId: 'borrowedForeverMut', rustc: 'E0499', severity: 'error' },
      ],
    },
    {
      name: "a method taking &'a mut self, then a read",
      code: `struct Config<'a> { raw: String, name: &'a str }
impl<'a> Config<'a> {
    fn parse(&'a mut self) {
        self.name = self.raw.split('=').nth(1).unwrap_or("");
    }
}
fn main() {
    let mut cfg = Config { raw: String::from("name=demo"), name: "" };
    cfg.parse();
    println!("{}", cfg.name);
}
`,
      errors: [
        { line: 10, column: 20, messageId: 'borrowedForever', rustc: 'E0502', severity: 'error' },
      ],
    },
    {
      name: 'storing the self-borrowing value in a parameter',
      code: `pub struct S<'a> { data: String, r: &'a str }
pub fn c<'a>(v: &mut Vec<S<'a>>, data: String) {
    let mut s = S { data, r: "" };
    s.r = &s.data;
    v.push(s);
}
`,
      errors: [
        { line: 4, column: 11, messageId: 'outlivesOwner', rustc: 'E0597', severity: 'error' },
      ],
    },
    {
      name: "a collection of references filled from the struct's own string, then the struct moved",
      code: `pub struct Index<'a> {
    text: String,
    words: Vec<&'a str>,
}
pub fn count(source: &str) -> usize {
    let mut idx = Index { text: source.to_lowercase(), words: Vec::new() };
    for w in idx.text.split(' ') {
        if let Some(clean) = w.strip_suffix(',') {
            idx.words.push(clean);
        }
    }
    let done = idx;
    done.words.len()
}
`,
      errors: [
        {
          line: 12,
          column: 16,
          messageId: 'movedWhileBorrowed',
          rustc: 'E0505',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a loop changing the owner before re-borrowing it: the borrow from the last pass is held',
      code: `pub struct Log<'a> { lines: Vec<String>, newest: Option<&'a str> }
pub fn feed(input: &[&str]) -> usize {
    let mut log = Log { lines: Vec::new(), newest: None };
    let mut i = 0;
    while i < input.len() {
        log.lines.insert(0, input[i].to_string());
        log.newest = log.lines.first().map(|s| s.as_str());
        i += 1;
    }
    log.lines.len()
}
`,
      errors: [
        {
          line: 6,
          column: 9,
          messageId: 'mutatedWhileBorrowed',
          rustc: 'E0502',
          severity: 'error',
        },
      ],
    },
  ],
});
