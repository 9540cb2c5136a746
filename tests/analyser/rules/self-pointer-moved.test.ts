// Valid and invalid snippets for the `self-pointer-moved` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/self-pointer-moved.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a pointer into a slice of a Vec field (its buffer is on the heap)',
      code: `use std::pin::Pin;
pub struct Packet { bytes: Vec<u8>, tag: *const u8 }
impl Packet {
    fn mark(&mut self) {
        self.tag = self.bytes[..1].as_ptr();
    }
}
pub fn build(b: Vec<u8>) -> Pin<Box<Packet>> {
    let mut p = Packet { bytes: b, tag: std::ptr::null() };
    p.mark();
    Box::pin(p)
}
`,
    },
    {
      name: 'pinning first, then writing the pointer',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
use std::ptr;
struct Doc { title: String, title_ref: *const String, _pin: PhantomPinned }
impl Doc {
    fn new(title: &str) -> Pin<Box<Doc>> {
        let mut boxed = Box::pin(Doc { title: title.to_owned(), title_ref: ptr::null(), _pin: PhantomPinned });
        let self_ptr: *const String = &boxed.title;
        unsafe { boxed.as_mut().get_unchecked_mut().title_ref = self_ptr };
        boxed
    }
}
fn main() {
    let d = Doc::new("x");
    println!("{}", d.title);
}
`,
    },
    {
      name: 'a pointer into a Vec buffer, which stays on the heap',
      code: `use std::ptr;
struct Graph { nodes: Vec<u32>, first: *const u32 }
fn main() {
    let mut g = Graph { nodes: vec![1, 2], first: ptr::null() };
    g.first = &g.nodes[0];
    let moved = g;
    println!("{}", unsafe { *moved.first });
}
`,
    },
    {
      name: 'a pointer to another value',
      code: `use std::ptr;
struct Link { val: u8, next: *const Link }
fn main() {
    let a = Link { val: 1, next: ptr::null() };
    let mut b = Link { val: 2, next: ptr::null() };
    b.next = &a;
    let moved = b;
    println!("{}", moved.val + a.val);
}
`,
    },
    {
      name: 'unboxing a self-referential value only to borrow it',
      code: `use std::pin::Pin;
struct Cursor { text: [u8; 4], at: *const u8 }
impl Cursor {
    fn start(text: [u8; 4]) -> Pin<Box<Cursor>> {
        let mut c = Box::pin(Cursor { text, at: std::ptr::null() });
        let first = &c.text[0] as *const u8;
        c.at = first;
        c
    }
    fn current(&self) -> u8 { unsafe { *self.at } }
}
fn main() {
    let boxed = Pin::into_inner(Cursor::start(*b"abcd"));
    println!("{}", boxed.current());
    let again = &*boxed;
    println!("{}", again.current());
}
`,
    },
    {
      name: 'unpinning a freshly boxed value before its pointer is set',
      code: `use std::pin::Pin;
struct Probe { cells: [u16; 2], hot: *const u16 }
impl Probe {
    fn blank() -> Probe { Probe { cells: [0; 2], hot: std::ptr::null() } }
    fn aim(&mut self) { self.hot = &self.cells[1]; }
}
fn main() {
    let boxed = Box::pin(Probe::blank());
    let mut probe = *Pin::into_inner(boxed);
    probe.aim();
    println!("{}", unsafe { *probe.hot });
}
`,
    },
    {
      name: 'moving out of an unpinned box whose pointer points elsewhere',
      code: `use std::pin::Pin;
static ANCHOR: u32 = 7;
struct Gauge { level: u32, anchor: *const u32 }
fn main() {
    let mut g = Box::pin(Gauge { level: 1, anchor: std::ptr::null() });
    g.anchor = &ANCHOR;
    let owned = *Pin::into_inner(g);
    println!("{} {}", owned.level, unsafe { *owned.anchor });
}
`,
    },
  ],
  invalid: [
    {
      name: 'a method points a field at a slice of an array field, then the value is boxed',
      code: `use std::pin::Pin;
pub struct Packet { bytes: [u8; 8], tag: *const u8 }
impl Packet {
    fn mark(&mut self) {
        self.tag = self.bytes[..1].as_ptr();
    }
}
pub fn build(b: [u8; 8]) -> Pin<Box<Packet>> {
    let mut p = Packet { bytes: b, tag: std::ptr::null() };
    p.mark();
    Box::pin(p)
}
`,
      errors: [{ line: 11, column: 14, messageId: 'movedAfterInit', severity: 'unsound' }],
    },
    {
      name: 'a fragment whose constructor is not shown',
      code: `pub struct Packet { bytes: [u8; 8], tag: *const u8 }

impl Packet {
    fn mark(&mut self) {
        self.tag = self.bytes[..1].as_ptr();
    }
}

pub fn build(b: [u8; 8]) -> Pin<Box<Packet>> {
    let mut p = Packet::empty();
    p.bytes = b;
    p.mark();
    Box::pin(p)
}
`,
      errors: [{ line: 13, column: 14, messageId: 'movedAfterInit', severity: 'unsound' }],
    },
    {
      name: 'returning the initialised local',
      code: `struct Doc { title: String, title_ref: *const String }
fn make(title: &str) -> Doc {
    let mut doc = Doc { title: title.to_owned(), title_ref: std::ptr::null() };
    doc.title_ref = &doc.title;
    doc
}
fn main() {
    let d = make("x");
    println!("{}", unsafe { &*d.title_ref });
}
`,
      errors: [
        { line: 5, column: 5, messageId: 'movedAfterInit', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'returning the local, with a comment after it',
      code: `struct Named { name: String, name_ptr: *const String }
fn build() -> Named {
    let mut n = Named { name: String::from("x"), name_ptr: std::ptr::null() };
    n.name_ptr = &n.name;
    n // moves to the caller
}
fn main() {
    let n = build();
    println!("{}", n.name);
}
`,
      errors: [
        { line: 5, column: 5, messageId: 'movedAfterInit', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'swapping pins of an Unpin type whose pointer was set through the pin',
      code: `use std::pin::Pin;
struct Tracker { value: u64, self_ptr: *const u64 }
impl Tracker {
    fn new(value: u64) -> Pin<Box<Self>> {
        let mut boxed = Box::pin(Tracker { value, self_ptr: std::ptr::null() });
        boxed.self_ptr = &boxed.value;
        boxed
    }
}
fn main() {
    let mut a = Tracker::new(1);
    let mut b = Tracker::new(2);
    std::mem::swap(&mut *a, &mut *b);
}
`,
      errors: [
        { line: 13, column: 5, messageId: 'swappedWhileUnpin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'boxing after the pointer is set',
      code: `use std::marker::PhantomPinned;
use std::ptr;
struct Doc { title: String, title_ref: *const String, _pin: PhantomPinned }
fn main() {
    let mut doc = Doc { title: "x".into(), title_ref: ptr::null(), _pin: PhantomPinned };
    doc.title_ref = &doc.title;
    let pinned = Box::pin(doc);
    println!("{}", unsafe { &*pinned.title_ref });
}
`,
      errors: [
        { line: 7, column: 27, messageId: 'movedAfterInit', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'an array buffer pointer',
      code: `use std::ptr;
pub struct Ring { buf: [u8; 16], head: *mut u8 }
pub fn make_ring() -> Ring {
    let mut r = Ring { buf: [0; 16], head: ptr::null_mut() };
    r.head = r.buf.as_mut_ptr();
    r
}
`,
      errors: [
        { line: 6, column: 5, messageId: 'movedAfterInit', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'an init method that points the struct at its own array, then a push',
      code: `struct Frame { scratch: [u64; 4], cursor: *mut u64 }
impl Frame {
    fn arm(&mut self) {
        self.cursor = self.scratch.as_mut_ptr();
    }
}
fn collect() -> Vec<Frame> {
    let mut frames = Vec::new();
    let mut f = Frame { scratch: [1; 4], cursor: std::ptr::null_mut() };
    f.arm();
    frames.push(f);
    frames
}
fn main() {
    println!("{}", collect().len());
}
`,
      errors: [
        { line: 11, column: 17, messageId: 'movedAfterInit', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'a fragment: null pointer, unseen init method, then a move',
      code: `let mut f = Frame { scratch: [0; 4], cursor: std::ptr::null_mut() };
f.arm();
frames.push(f);
`,
      errors: [
        {
          line: 3,
          column: 13,
          messageId: 'probablyMovedAfterInit',
          rustc: null,
          severity: 'unsound',
        },
      ],
    },
    {
      name: 'swapping two pinned Unpin self-referential values',
      code: `use std::pin::Pin;
struct Test { a: String, b: *const String }
impl Test {
    fn new(t: &str) -> Self { Test { a: t.to_string(), b: std::ptr::null() } }
    fn init(self: Pin<&mut Self>) {
        let this = self.get_mut();
        this.b = &this.a;
    }
}
fn main() {
    let mut t1 = Box::pin(Test::new("one"));
    t1.as_mut().init();
    let mut t2 = Box::pin(Test::new("two"));
    t2.as_mut().init();
    std::mem::swap(t1.as_mut().get_mut(), t2.as_mut().get_mut());
}
`,
      errors: [
        { line: 15, column: 5, messageId: 'swappedWhileUnpin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'a method returning the unboxed value of an Unpin self-referential type',
      code: `use std::pin::Pin;
pub struct Tape { cells: [u8; 16], head: *mut u8 }
impl Tape {
    pub fn boxed() -> Pin<Box<Self>> {
        let mut tape = Box::pin(Tape { cells: [0; 16], head: std::ptr::null_mut() });
        tape.as_mut().rewind();
        tape
    }
    fn rewind(self: Pin<&mut Self>) {
        let this = self.get_mut();
        this.head = &mut this.cells[0] as *mut u8;
    }
    pub fn detach(self: Pin<Box<Self>>) -> Self {
        *Pin::into_inner(self)
    }
}
`,
      errors: [
        { line: 14, column: 9, messageId: 'unpinnedMoveOut', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'mem::replace on the contents of a pinned box',
      code: `use std::mem;
use std::pin::Pin;
struct Ring { slots: [u64; 4], newest: *const u64 }
fn empty() -> Ring { Ring { slots: [0; 4], newest: std::ptr::null() } }
fn main() {
    let mut ring: Pin<Box<Ring>> = Box::pin(empty());
    ring.slots[2] = 9;
    let p = &ring.slots[2] as *const u64;
    ring.newest = p;
    let old = mem::replace(&mut *ring, empty());
    println!("{}", unsafe { *old.newest });
}
`,
      errors: [
        { line: 10, column: 15, messageId: 'unpinnedMoveOut', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'moving the value out of a box unpinned into a variable',
      code: `use std::pin::Pin;
struct Lens { frame: [i16; 3], focus: *const i16 }
fn focused() -> Pin<Box<Lens>> {
    let mut lens = Box::pin(Lens { frame: [4, 5, 6], focus: std::ptr::null() });
    let f = &lens.frame[1] as *const i16;
    lens.as_mut().get_mut().focus = f;
    lens
}
fn main() {
    let unpinned = Pin::into_inner(focused());
    let lens = *unpinned;
    println!("{}", unsafe { *lens.focus });
}
`,
      errors: [
        { line: 11, column: 16, messageId: 'unpinnedMoveOut', rustc: null, severity: 'unsound' },
      ],
    },
  ],
});
