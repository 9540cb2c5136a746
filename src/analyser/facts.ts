// What the rules need to know about a snippet, computed once: its items (structs, enums, impls,
// functions, traits), the generic bounds in scope, a best-effort type for expressions, and above
// all which values are `!Unpin` and why. "Unknown" is kept apart from "Unpin": a rule that only
// knows "unknown" stays silent or says "probably".
import { tailOf } from './helpers.js';
import { macroName, Scopes, type Binding } from './scope.js';
import type { SyntaxNode, SyntaxTree } from './syntax.js';
import {
  boundNames,
  callOutputOf,
  isPrimitive,
  lastSegment,
  pathTy,
  pinParts,
  readType,
  showTy,
  UNKNOWN,
  type Ty,
} from './types.js';

export interface FieldInfo {
  name: string;
  node: SyntaxNode;
  ty: Ty;
  /** `#[pin]` (pin-project) on the field. */
  pinAttribute: boolean;
}

export interface TypeItem {
  name: string;
  kind: 'struct' | 'enum' | 'union';
  node: SyntaxNode;
  params: string[];
  lifetimes: string[];
  fields: FieldInfo[];
  /** The packing alignment of `#[repr(packed)]` (1) or `#[repr(packed(N))]`, else null. */
  packed: number | null;
  derives: Set<string>;
  /** `#[pin_project]` / `pin_project!`. */
  pinProject: boolean;
}

export interface GenericEnv {
  /** Type parameter -> trait names it is bounded by (last path segments). */
  readonly params: ReadonlyMap<string, readonly string[]>;
  /** The `Self` type, inside an impl. */
  readonly self: Ty | null;
  /** Type parameter -> what calling it returns, from an `Fn*` bound (`M: FnMut() -> Fut`). */
  readonly outputs?: ReadonlyMap<string, Ty>;
}

export interface ImplInfo {
  node: SyntaxNode;
  trait: string | null;
  negative: boolean;
  unsafe: boolean;
  selfTy: Ty;
  typeName: string | null;
  env: GenericEnv;
}

export type Receiver = 'value' | 'ref' | 'mut' | 'pin-mut' | 'pin-ref' | 'box' | 'other';

export interface FnInfo {
  node: SyntaxNode;
  name: string;
  async: boolean;
  unsafe: boolean;
  impl: ImplInfo | null;
  receiver: Receiver | null;
  /** The trait that declares this method (a `trait` item's own signature or default body). */
  inTrait: string | null;
  returnNode: SyntaxNode | null;
  body: SyntaxNode | null;
  env: GenericEnv;
}

export interface Unpinness {
  value: 'yes' | 'no' | 'unknown';
  /** False when the snippet does not show enough ("probably"). */
  sure: boolean;
  /** Why, for messages: "`fut` is an async block". */
  why: string;
}

export interface Projection {
  /** The struct whose field is pinned structurally; null when the snippet does not say. */
  type: string | null;
  field: string;
  /** True when the field's elements (a Vec's items) are pinned rather than the field itself. */
  elements: boolean;
  node: SyntaxNode;
}

const YES = (why: string): Unpinness => ({ value: 'yes', sure: true, why });
const NO = (why: string, sure = true): Unpinness => ({ value: 'no', sure, why });
const UNSURE = (why: string): Unpinness => ({ value: 'unknown', sure: false, why });

/** Types that are `Unpin` whatever their parameters. */
const ALWAYS_UNPIN = new Set([
  'String',
  'Box',
  'Rc',
  'Arc',
  'Weak',
  'Pin',
  'NonNull',
  'Duration',
  'Instant',
  'SystemTime',
  'Waker',
  'Context',
  'JoinHandle',
  'AbortHandle',
  'Receiver',
  'Sender',
  'UnboundedReceiver',
  'UnboundedSender',
  'Ready',
  'Pending',
  'Interval',
  'BoxFuture',
  'LocalBoxFuture',
  'BoxStream',
  'LocalBoxStream',
  'TcpStream',
  'TcpListener',
  'UdpSocket',
  'File',
  'PathBuf',
  'OsString',
  'Path',
  'Error',
  'Client',
  'Response',
  'Request',
  'Bytes',
  'AtomicBool',
  'AtomicUsize',
  'AtomicU64',
  'AtomicU32',
  'Ordering',
  'Waker',
  'RawWaker',
  'TypeId',
  'ThreadId',
]);

/** Bounds that make a generic parameter a future or stream (a wrapper holds such a value). */
const ASYNC_TRAITS = new Set([
  'Future',
  'IntoFuture',
  'Stream',
  'TryFuture',
  'TryStream',
  'FusedFuture',
]);

/** Types that are `Unpin` exactly when their type arguments are. */
const STRUCTURAL = new Set([
  'Option',
  'Result',
  'Vec',
  'VecDeque',
  'LinkedList',
  'HashMap',
  'BTreeMap',
  'HashSet',
  'BTreeSet',
  'BinaryHeap',
  'Cell',
  'RefCell',
  'UnsafeCell',
  'Mutex',
  'RwLock',
  'OnceCell',
  'ManuallyDrop',
  'MaybeUninit',
  'Wrapping',
  'Reverse',
  'Poll',
  'Fuse',
  'Peekable',
  'Map',
  'Then',
  'AndThen',
  'Either',
  'PollFn',
  'Lazy',
  'Cow',
  'PhantomData',
]);

/** Library types known to be `!Unpin`. */
const NEVER_UNPIN = new Map([
  ['PhantomPinned', '`PhantomPinned` opts out of `Unpin`'],
  ['Sleep', "tokio's `Sleep` future is `!Unpin`"],
  ['Notified', "tokio's `Notified` future is `!Unpin`"],
  ['SleepUntil', "tokio's `Sleep` future is `!Unpin`"],
]);

/** Functions (last path segment) whose futures are well known to be `!Unpin`. */
const NOT_UNPIN_CALLS = new Map([
  ['sleep', 'Sleep'],
  ['sleep_until', 'Sleep'],
  ['timeout', 'Timeout'],
  ['timeout_at', 'Timeout'],
]);

/** Methods of common crates that are `async fn`s (their futures are `!Unpin`). */
const ASYNC_METHODS = new Set([
  'send',
  'json',
  'text',
  'bytes',
  'recv',
  'acquire',
  'acquire_owned',
  'read_to_string',
  'read_to_end',
  'read_exact',
  'write_all',
  'flush',
  'accept',
  'connect',
  'changed',
  'notified',
  'readable',
  'writable',
  'chunk',
  'lock_owned',
  'recv_from',
  'send_to',
]);

/** Calls whose results are known to be `Unpin`. */
const UNPIN_CALLS = new Map([
  ['spawn', 'JoinHandle'],
  ['spawn_local', 'JoinHandle'],
  ['spawn_blocking', 'JoinHandle'],
  ['ready', 'Ready'],
  ['pending', 'Pending'],
  ['poll_fn', 'PollFn'],
  ['interval', 'Interval'],
  ['channel', 'Channel'],
  ['unbounded_channel', 'Channel'],
  ['ok', 'Ready'],
  ['err', 'Ready'],
]);

export class Facts {
  readonly scopes = new Scopes();
  readonly types = new Map<string, TypeItem>();
  readonly impls: ImplInfo[] = [];
  readonly fns: FnInfo[] = [];
  readonly traits = new Map<string, string[]>();
  /** The text of every `use` declaration. */
  readonly uses: string[] = [];
  readonly root: SyntaxNode;
  private readonly fnByNode = new Map<SyntaxNode, FnInfo>();
  private readonly fnIndex = new Map<string, FnInfo[]>();
  private readonly implByNode = new Map<SyntaxNode, ImplInfo>();
  private readonly typeMemo = new Map<SyntaxNode, Ty>();
  private readonly typing = new Set<SyntaxNode>();
  private projectionList: Projection[] | null = null;
  /** `type Job = Box<dyn Future<..>>;`: aliases without parameters, expanded wherever read. */
  private readonly aliases = new Map<string, SyntaxNode>();

  constructor(readonly tree: SyntaxTree) {
    this.root = tree.root;
    for (const node of tree.ofType('type_item')) {
      const name = node.child('name')?.text;
      const value = node.child('type');
      if (name && value && !node.child('type_parameters')) this.aliases.set(name, value);
    }
    this.collect();
  }

  /** Reads a written type, with the snippet's type aliases replaced by what they name. */
  private read(node: SyntaxNode | null): Ty {
    return this.expand(readType(node), 0);
  }

  private expand(ty: Ty, depth: number): Ty {
    if (this.aliases.size === 0 || depth > 4) return ty;
    const deeper = (inner: Ty) => this.expand(inner, depth + 1);
    switch (ty.k) {
      case 'path': {
        const alias = ty.args.length === 0 ? this.aliases.get(ty.name) : undefined;
        if (alias && !this.types.has(ty.name)) return deeper(readType(alias));
        return ty.args.length === 0 ? ty : { ...ty, args: ty.args.map(deeper) };
      }
      case 'ref':
      case 'ptr':
      case 'array':
        return { ...ty, inner: deeper(ty.inner) };
      case 'tuple':
        return { ...ty, items: ty.items.map(deeper) };
      default:
        return ty;
    }
  }

  // ---- items -------------------------------------------------------------------------------

  private collect(): void {
    for (const node of this.tree.ofType(
      'struct_item',
      'enum_item',
      'union_item',
      'impl_item',
      'function_item',
      'trait_item',
      'use_declaration',
      'macro_invocation',
    )) {
      switch (node.type) {
        case 'struct_item':
        case 'enum_item':
        case 'union_item':
          this.addType(node);
          break;
        case 'impl_item':
          this.addImpl(node);
          break;
        case 'trait_item': {
          const name = node.child('name')?.text;
          const bounds = node.child('bounds');
          if (name) this.traits.set(name, bounds ? boundNames(bounds) : []);
          break;
        }
        case 'use_declaration':
          this.uses.push(node.text);
          break;
        case 'macro_invocation':
          this.addPinProjectMacro(node);
          break;
        default:
          break;
      }
    }
    for (const node of this.tree.ofType('function_item', 'function_signature_item'))
      this.addFn(node);
    for (const node of this.tree.ofType('struct_expression')) this.inferFromLiteral(node);
  }

  /**
   * A struct literal of a type the snippet does not define (a fragment): its fields' types are
   * guessed from the values, so `Counter { n: 0, _pin: PhantomPinned }` is known to be `!Unpin`.
   */
  private inferFromLiteral(node: SyntaxNode): void {
    const nameNode = node.child('name');
    const name =
      nameNode?.type === 'type_identifier' || nameNode?.type === 'identifier'
        ? nameNode.text
        : null;
    if (!name || name === 'Self' || this.types.has(name)) return;
    const fields: FieldInfo[] = [];
    for (const init of node.child('body')?.namedChildren ?? []) {
      if (init.type === 'field_initializer') {
        const field = init.child('field')?.text;
        const value = init.child('value');
        if (!field || !value) continue;
        const pinned = value.text === 'PhantomPinned' || value.text.endsWith('::PhantomPinned');
        fields.push({
          name: field,
          node: init,
          ty: pinned ? pathTy('PhantomPinned') : UNKNOWN,
          pinAttribute: false,
        });
      } else if (init.type === 'shorthand_field_initializer') {
        fields.push({ name: init.text, node: init, ty: UNKNOWN, pinAttribute: false });
      }
    }
    const item: TypeItem = {
      name,
      kind: 'struct',
      node,
      params: [],
      lifetimes: [],
      fields,
      packed: null,
      derives: new Set(),
      pinProject: false,
    };
    // Only a literal that shows `PhantomPinned` says anything certain; keep the rest unknown.
    if (fields.some((f) => f.ty.k === 'path')) this.types.set(name, item);
  }

  private addType(node: SyntaxNode): void {
    const name = node.child('name')?.text;
    if (!name) return;
    const { params, lifetimes } = typeParams(node.child('type_parameters'));
    const attributes = attributesOf(node);
    const fields: FieldInfo[] = [];
    const body = node.child('body');
    if (body) {
      const declarations =
        node.type === 'enum_item'
          ? body.descendants(['field_declaration', 'ordered_field_declaration_list'])
          : body.type === 'ordered_field_declaration_list'
            ? [body]
            : body.namedChildren.filter((c) => c.type === 'field_declaration');
      for (const declaration of declarations) {
        if (declaration.type === 'ordered_field_declaration_list') {
          let index = 0;
          for (const child of declaration.namedChildren) {
            if (child.type === 'attribute_item' || child.type === 'visibility_modifier') continue;
            fields.push({
              name: String(index++),
              node: child,
              ty: this.read(child),
              pinAttribute: false,
            });
          }
          continue;
        }
        const fieldName = declaration.child('name')?.text;
        if (!fieldName) continue;
        fields.push({
          name: fieldName,
          node: declaration,
          ty: this.read(declaration.child('type')),
          pinAttribute: attributesOf(declaration).some((a) => a.name === 'pin'),
        });
      }
    }
    let packed: number | null = null;
    const derives = new Set<string>();
    let pinProject = false;
    for (const attribute of attributes) {
      if (attribute.name === 'repr') {
        const tokens = attribute.args;
        const index = tokens.findIndex((t) => t.text === 'packed');
        const packing = tokens[index];
        if (packing) {
          const next = packing.nextNamedSibling;
          const literal = next?.type === 'token_tree' ? next.namedChildren[0] : null;
          packed = literal?.type === 'integer_literal' ? Number(literal.text) || 1 : 1;
        }
      } else if (attribute.name === 'derive') {
        for (const token of attribute.args)
          if (token.type === 'identifier') derives.add(token.text);
      } else if (attribute.name === 'pin_project' || attribute.name === 'pin_data') {
        pinProject = true;
      }
    }
    const kind =
      node.type === 'enum_item' ? 'enum' : node.type === 'union_item' ? 'union' : 'struct';
    this.types.set(name, {
      name,
      kind,
      node,
      params,
      lifetimes,
      fields,
      packed,
      derives,
      pinProject,
    });
  }

  /** `pin_project! { struct S { #[pin] f: F } }` (pin-project-lite) */
  private addPinProjectMacro(node: SyntaxNode): void {
    if (macroName(node) !== 'pin_project') return;
    const tokens = node.childOfType('token_tree')?.namedChildren ?? [];
    const structIndex = tokens.findIndex((t) => t.text === 'struct');
    const name = tokens[structIndex + 1]?.text;
    if (structIndex < 0 || !name) return;
    const body = tokens
      .slice(structIndex + 2)
      .find((t) => t.type === 'token_tree' && t.text.startsWith('{'));
    const fields: FieldInfo[] = [];
    const inner = body?.namedChildren ?? [];
    for (let i = 0; i < inner.length; i++) {
      const token = inner[i];
      if (token?.type !== 'identifier') continue;
      const previous = inner[i - 1];
      const pinned = previous?.type === 'token_tree' && previous.text === '[pin]';
      const colonFollows =
        token.nextNamedSibling !== null && node.tree.source.charAt(token.end).trim() === ':';
      if (colonFollows)
        fields.push({ name: token.text, node: token, ty: UNKNOWN, pinAttribute: pinned });
    }
    this.types.set(name, {
      name,
      kind: 'struct',
      node,
      params: [],
      lifetimes: [],
      fields,
      packed: null,
      derives: new Set(),
      pinProject: true,
    });
  }

  private addImpl(node: SyntaxNode): void {
    const typeNode = node.child('type');
    const selfTy = this.read(typeNode);
    const traitNode = node.child('trait');
    const env = envOf([node], selfTy);
    const info: ImplInfo = {
      node,
      trait: traitNode ? (traitNode.child('name')?.text ?? lastSegment(traitNode.text)) : null,
      negative: node.hasAnonymous('!'),
      unsafe: node.hasAnonymous('unsafe'),
      selfTy,
      typeName: selfTy.k === 'path' ? selfTy.name : null,
      env,
    };
    this.impls.push(info);
    this.implByNode.set(node, info);
  }

  private addFn(node: SyntaxNode): void {
    const name = node.child('name')?.text;
    if (!name) return;
    const implNode = node.parent?.parent?.type === 'impl_item' ? node.parent.parent : null;
    const impl = implNode ? (this.implByNode.get(implNode) ?? null) : null;
    const modifiers = node.childOfType('function_modifiers');
    const isAsync = modifiers?.hasAnonymous('async') ?? false;
    const isUnsafe = modifiers?.hasAnonymous('unsafe') ?? false;
    const scopes: SyntaxNode[] = implNode ? [implNode, node] : [node];
    const info: FnInfo = {
      node,
      name,
      async: isAsync,
      unsafe: isUnsafe,
      impl,
      receiver: receiverOf(node),
      inTrait:
        node.parent?.parent?.type === 'trait_item'
          ? (node.parent.parent.child('name')?.text ?? null)
          : null,
      returnNode: node.child('return_type'),
      body: node.child('body'),
      env: envOf(
        scopes,
        impl?.selfTy ?? (node.parent?.parent?.type === 'trait_item' ? pathTy('Self') : null),
      ),
    };
    this.fns.push(info);
    this.fnByNode.set(node, info);
    const named = this.fnIndex.get(name);
    if (named) named.push(info);
    else this.fnIndex.set(name, [info]);
  }

  /** Functions (free or methods) with this name. */
  fnsNamed(name: string): FnInfo[] {
    return this.fnIndex.get(name) ?? [];
  }

  /** The function item that contains `node` (closures are transparent). */
  fnAt(node: SyntaxNode): FnInfo | null {
    const item = node.closest(['function_item']);
    return item ? (this.fnByNode.get(item) ?? null) : null;
  }

  fnInfo(item: SyntaxNode): FnInfo | null {
    return this.fnByNode.get(item) ?? null;
  }

  implAt(node: SyntaxNode): ImplInfo | null {
    const item = node.closest(['impl_item']);
    return item ? (this.implByNode.get(item) ?? null) : null;
  }

  envAt(node: SyntaxNode): GenericEnv {
    const fn = this.fnAt(node);
    if (fn) return fn.env;
    const impl = this.implAt(node);
    return impl ? impl.env : { params: new Map(), self: null };
  }

  /** True when the snippet uses tokio (a `use tokio..`, `tokio::` path or `#[tokio::main]`). */
  get mentionsTokio(): boolean {
    return this.tree.source.includes('tokio');
  }

  // ---- types of expressions ----------------------------------------------------------------

  /** A best-effort type for an expression; `unknown` when the snippet does not say. */
  typeOf(node: SyntaxNode): Ty {
    const cached = this.typeMemo.get(node);
    if (cached) return cached;
    if (this.typing.has(node)) return UNKNOWN;
    this.typing.add(node);
    let ty: Ty;
    try {
      ty = this.computeType(node);
    } finally {
      this.typing.delete(node);
    }
    this.typeMemo.set(node, ty);
    return ty;
  }

  /** The type of a variable binding. */
  bindingType(binding: Binding): Ty {
    const env = this.envAt(binding.decl);
    switch (binding.kind) {
      case 'self': {
        const selfTy = env.self ?? UNKNOWN;
        if (binding.typeNode) return substSelf(this.read(binding.typeNode), selfTy);
        const param = binding.decl;
        if (param.hasAnonymous('&')) {
          return { k: 'ref', mut: param.childOfType('mutable_specifier') !== null, inner: selfTy };
        }
        return selfTy;
      }
      case 'param':
      case 'let':
      case 'closure-param':
        if (binding.typeNode) return substSelf(this.read(binding.typeNode), env.self ?? UNKNOWN);
        if (binding.value) return this.typeOf(binding.value);
        if (binding.kind === 'closure-param') return this.closureItemType(binding);
        if (binding.decl.child('pattern')?.type === 'tuple_struct_pattern')
          return this.unwrappedType(binding);
        return this.destructuredType(binding);
      case 'macro-pin': {
        const inner = binding.ident ? this.typeOf(binding.ident) : UNKNOWN;
        return pathTy('Pin', [{ k: 'ref', mut: true, inner }]);
      }
      case 'pattern': {
        if (binding.decl.type === 'let_condition') return this.unwrappedType(binding);
        if (binding.decl.type !== 'for_expression') return UNKNOWN;
        const iterated = binding.decl.child('value');
        const pattern = binding.decl.child('pattern');
        if (!iterated) return UNKNOWN;
        if (pattern === binding.ident) return this.itemType(iterated);
        // `for Step { name, run } in steps`: the field of the element's type.
        const field = binding.ident?.parent;
        if (pattern?.type === 'struct_pattern' && field?.parent === pattern && binding.ident) {
          return this.fieldType(this.itemType(iterated), binding.ident.text);
        }
        return UNKNOWN;
      }
    }
  }

  /** `x` in `if let Some(x) = opt` / `while let Some(mut x) = queue.pop_front()`. */
  private unwrappedType(binding: Binding): Ty {
    const pattern = binding.decl.child('pattern');
    const value = binding.decl.child('value');
    const wrapper = pattern?.type === 'tuple_struct_pattern' ? pattern.child('type')?.text : null;
    const inner = pattern?.namedChildren.filter((child) => child.field !== 'type') ?? [];
    const only = inner.length === 1 ? inner[0] : undefined;
    const ident =
      only?.type === 'mut_pattern' ? only.namedChildren.find((c) => c.type === 'identifier') : only;
    if (!value || !ident || ident.start !== binding.ident?.start || !wrapper) return UNKNOWN;
    const ty = this.typeOf(value);
    const expected = wrapper === 'Some' ? 'Option' : wrapper === 'Ok' ? 'Result' : null;
    return ty.k === 'path' && ty.name === expected ? (ty.args[0] ?? UNKNOWN) : UNKNOWN;
  }

  /** `let (a, mut b) = (x, y);`: the type of the element at the binding's position. */
  private destructuredType(binding: Binding): Ty {
    const pattern = binding.decl.type === 'let_declaration' ? binding.decl.child('pattern') : null;
    const value = binding.decl.child('value');
    if (pattern?.type !== 'tuple_pattern' || value?.type !== 'tuple_expression' || !binding.ident)
      return UNKNOWN;
    const position = pattern.namedChildren.findIndex(
      (part) => binding.ident !== null && binding.ident.within(part),
    );
    const element = value.namedChildren[position];
    return element ? this.typeOf(element) : UNKNOWN;
  }

  /**
   * The item an iterating method hands its closure's only parameter: `xs.retain_mut(|f| ..)` ->
   * `&mut X`, `xs.iter().for_each(|f| ..)` -> `&X` (for `xs: Vec<X>`).
   */
  private closureItemType(binding: Binding): Ty {
    const closure = binding.decl;
    const params = closure.child('parameters')?.namedChildren ?? [];
    const call = closure.parent?.type === 'arguments' ? closure.parent.parent : null;
    const callee = call?.child('function');
    const receiver = callee?.type === 'field_expression' ? callee.child('value') : null;
    if (params.length !== 1 || params[0] !== binding.ident || !callee || !receiver) return UNKNOWN;
    const method = callee.child('field')?.text;
    if (method === 'retain_mut' || method === 'retain') {
      const element = elementOf(autoderef(this.typeOf(receiver)));
      return element.k === 'unknown'
        ? UNKNOWN
        : { k: 'ref', mut: method === 'retain_mut', inner: element };
    }
    return method === 'for_each' ? this.itemType(receiver) : UNKNOWN;
  }

  /** The type of the items a `for` loop over `node` yields. */
  private itemType(node: SyntaxNode): Ty {
    const inner = node.type === 'reference_expression' ? node.child('value') : null;
    if (inner) {
      const element = elementOf(this.typeOf(inner));
      return element.k === 'unknown'
        ? UNKNOWN
        : { k: 'ref', mut: node.childOfType('mutable_specifier') !== null, inner: element };
    }
    if (node.type === 'call_expression') {
      const callee = node.child('function');
      const method = callee?.type === 'field_expression' ? callee.child('field')?.text : undefined;
      const receiver = callee?.child('value');
      if (receiver && (method === 'iter' || method === 'iter_mut')) {
        const element = elementOf(autoderef(this.typeOf(receiver)));
        return element.k === 'unknown'
          ? UNKNOWN
          : { k: 'ref', mut: method === 'iter_mut', inner: element };
      }
      if (receiver && (method === 'into_iter' || method === 'drain'))
        return elementOf(this.typeOf(receiver));
      // `xs.iter_mut().filter(..)`, `.rev()`, `.skip(n)`: the same items as the receiver's.
      if (receiver && method && PASS_THROUGH_ADAPTERS.has(method)) return this.itemType(receiver);
    }
    const ty = this.typeOf(node);
    return ty.k === 'ref' ? UNKNOWN : elementOf(ty);
  }

  private computeType(node: SyntaxNode): Ty {
    switch (node.type) {
      case 'identifier':
      case 'self': {
        const binding = this.scopes.resolve(node);
        return binding ? this.bindingType(binding) : UNKNOWN;
      }
      case 'async_block':
        return { k: 'async', what: 'an async block', origin: `block@${String(node.start)}` };
      case 'closure_expression': {
        const body = node.child('body');
        return { k: 'closure', async: node.hasAnonymous('async') || body?.type === 'async_block' };
      }
      case 'call_expression':
        return this.callType(node);
      case 'macro_invocation':
        return this.macroType(node);
      case 'struct_expression': {
        const name = node.child('name');
        if (!name) return UNKNOWN;
        if (name.text === 'Self') return this.envAt(node).self ?? UNKNOWN;
        const written = this.read(
          name.type === 'generic_type_with_turbofish' ? name.child('type') : name,
        );
        return written.k === 'path' && written.args.length === 0
          ? this.literalArgs(written, node)
          : written;
      }
      case 'reference_expression':
        return {
          k: 'ref',
          mut: node.childOfType('mutable_specifier') !== null,
          inner: this.typeOf(node.child('value') ?? node),
        };
      case 'unary_expression': {
        if (!node.hasAnonymous('*')) return UNKNOWN;
        return derefTy(this.typeOf(node.namedChildren[0] ?? node));
      }
      case 'field_expression': {
        const field = node.child('field')?.text;
        const value = node.child('value');
        if (!field || !value) return UNKNOWN;
        return this.fieldType(this.typeOf(value), field);
      }
      case 'index_expression': {
        // `xs[i]` on a Vec, VecDeque, slice or array: the element (never for a range index).
        const [base, index] = node.namedChildren;
        if (!base || !index || index.type === 'range_expression') return UNKNOWN;
        const container = autoderef(this.typeOf(base));
        if (container.k === 'array') return container.inner;
        if (container.k === 'path' && ['Vec', 'VecDeque'].includes(container.name))
          return container.args[0] ?? UNKNOWN;
        return UNKNOWN;
      }
      case 'parenthesized_expression':
        return this.typeOf(node.namedChildren[0] ?? node);
      case 'unsafe_block':
      case 'block': {
        const tail = tailOf(node);
        return tail ? this.typeOf(tail) : UNKNOWN;
      }
      case 'string_literal':
        return { k: 'ref', mut: false, inner: pathTy('str') };
      case 'integer_literal':
        return pathTy('i32');
      case 'float_literal':
        return pathTy('f64');
      case 'boolean_literal':
        return pathTy('bool');
      case 'type_cast_expression':
        return this.read(node.child('type'));
      default:
        return UNKNOWN;
    }
  }

  /** `Wrapper { inner: fetch(), n: 0 }` of `struct Wrapper<F> { inner: F, .. }`: `Wrapper<typeof fetch()>`. */
  private literalArgs(ty: Extract<Ty, { k: 'path' }>, literal: SyntaxNode): Ty {
    const item = this.types.get(ty.name);
    if (!item || item.params.length === 0) return ty;
    const inits = literal.child('body')?.namedChildren ?? [];
    const args = item.params.map((param) => {
      const field = item.fields.find(
        (f) => f.ty.k === 'path' && f.ty.name === param && f.ty.args.length === 0,
      );
      const init = field
        ? inits.find(
            (i) =>
              (i.type === 'shorthand_field_initializer' ? i.text : i.child('field')?.text) ===
              field.name,
          )
        : undefined;
      const value =
        init?.type === 'shorthand_field_initializer' ? init.namedChildren[0] : init?.child('value');
      return value ? this.typeOf(value) : UNKNOWN;
    });
    return { ...ty, args };
  }

  private macroType(node: SyntaxNode): Ty {
    const name = macroName(node);
    if (name === 'pin')
      return pathTy('Pin', [{ k: 'ref', mut: true, inner: this.tokensType(node) }]);
    if (name === 'vec') return pathTy('Vec', [UNKNOWN]);
    if (name === 'format') return pathTy('String');
    if (name === 'stream' || name === 'try_stream')
      return { k: 'async', what: 'the `stream!` stream' };
    return UNKNOWN;
  }

  /**
   * The type of the expression a macro's tokens spell (macro arguments are not parsed as
   * expressions): `pin!(fut)`, `pin!(async { .. })`, `pin!(make())`, `pin!(Counter { .. })`.
   */
  private tokensType(macro: SyntaxNode): Ty {
    const tree = macro.childOfType('token_tree');
    const tokens = tree ? tree.children.slice(1, -1) : [];
    const [first, second] = tokens;
    if (!first) return UNKNOWN;
    if (tokens.length === 1 && (first.type === 'identifier' || first.type === 'self'))
      return this.typeOf(first);
    if (first.text === 'async') {
      return { k: 'async', what: 'an async block', origin: `block@${String(first.start)}` };
    }
    if (first.type !== 'identifier' || second?.type !== 'token_tree') return UNKNOWN;
    if (second.text.startsWith('(') && tokens.length === 2) {
      const local = this.fnsNamed(first.text).filter((f) => !f.impl);
      const only = local[0];
      if (only && local.every((f) => f.async === only.async)) return this.fnCallType(only, null);
      return UNKNOWN;
    }
    if (second.text.startsWith('{') && tokens.length === 2) {
      if (
        !this.types.has(first.text) &&
        second.descendants(['identifier']).some((t) => t.text === 'PhantomPinned')
      ) {
        this.types.set(first.text, {
          name: first.text,
          kind: 'struct',
          node: macro,
          params: [],
          lifetimes: [],
          fields: [
            { name: '_pin', node: second, ty: pathTy('PhantomPinned'), pinAttribute: false },
          ],
          packed: null,
          derives: new Set(),
          pinProject: false,
        });
      }
      return pathTy(first.text);
    }
    return UNKNOWN;
  }

  private callType(node: SyntaxNode): Ty {
    const fn = node.child('function');
    const args = node.child('arguments')?.namedChildren ?? [];
    const arg0 = args[0];
    if (!fn) return UNKNOWN;
    const argTy = (): Ty => (arg0 ? this.typeOf(arg0) : UNKNOWN);
    if (fn.type === 'identifier') {
      const binding = this.scopes.resolve(fn);
      if (binding) {
        const callee = this.bindingType(binding);
        if (callee.k === 'closure' && callee.async) {
          return { k: 'async', what: `the future returned by the async closure \`${fn.text}\`` };
        }
        return this.callOutput(callee, this.envAt(node));
      }
      if (fn.text === 'Some') return pathTy('Option', [argTy()]);
      // `Csv(raw, Vec::new())`: a tuple struct's constructor; a type parameter takes the type of
      // the argument in the field it names (unknown otherwise).
      const item = this.types.get(fn.text);
      if (item?.kind === 'struct') {
        const typeArgs = item.params.map((param) => {
          const position = item.fields.findIndex((f) => f.ty.k === 'path' && f.ty.name === param);
          const arg = args[position];
          return position >= 0 && arg ? this.typeOf(arg) : UNKNOWN;
        });
        return pathTy(fn.text, typeArgs);
      }
      const local = this.fnsNamed(fn.text).filter((f) => !f.impl);
      const only = local.length > 0 ? local[0] : undefined;
      if (only && local.every((f) => f.async === only.async))
        return this.fnCallType(only, null, local.length === 1 ? args : []);
      return this.libraryCall(fn.text, fn.text);
    }
    if (fn.type === 'scoped_identifier' || fn.type === 'generic_function') {
      const pathNode = fn.type === 'generic_function' ? fn.child('function') : fn;
      if (!pathNode) return UNKNOWN;
      const name = pathNode.child('name')?.text ?? lastSegment(pathNode.text);
      const owner = pathNode.child('path')?.text ?? '';
      const ownerName = lastSegment(owner);
      if (ownerName === 'Box' && name === 'pin') return pathTy('Pin', [pathTy('Box', [argTy()])]);
      if (ownerName === 'Box' && name === 'new') return pathTy('Box', [argTy()]);
      if (ownerName === 'Box' && name === 'into_pin') return pathTy('Pin', [argTy()]);
      if (ownerName === 'Pin' && (name === 'new' || name === 'new_unchecked'))
        return pathTy('Pin', [argTy()]);
      if ((ownerName === 'Arc' || ownerName === 'Rc') && name === 'pin') {
        return pathTy('Pin', [pathTy(ownerName, [argTy()])]);
      }
      if ((ownerName === 'Arc' || ownerName === 'Rc') && name === 'new')
        return pathTy(ownerName, [argTy()]);
      if (ownerName === 'String') return pathTy('String');
      if (ownerName === 'Vec' && (name === 'new' || name === 'with_capacity'))
        return pathTy('Vec', [UNKNOWN]);
      if (ownerName === 'Option' && name === 'Some') return pathTy('Option', [argTy()]);
      // `Self::method(..)` / `Type::method(..)`
      const typeName =
        ownerName === 'Self' ? (this.envAt(node).self ?? UNKNOWN) : pathTy(ownerName);
      const candidates = this.fnsNamed(name).filter(
        (f) => !f.impl || f.impl.typeName === (typeName.k === 'path' ? typeName.name : ''),
      );
      const first = candidates[0];
      if (first && candidates.every((f) => f.async === first.async)) {
        const unique = candidates.length === 1 ? args : [];
        return this.fnCallType(first, typeName.k === 'path' ? typeName : null, unique);
      }
      if (this.types.has(ownerName) && name === 'new' && candidates.length === 0) return UNKNOWN;
      return this.libraryCall(name, pathNode.text);
    }
    if (fn.type === 'field_expression') return this.methodType(fn, node);
    // `(self.make)()`, `(handlers[i])(x)`: calling a stored closure or function value.
    if (fn.type === 'parenthesized_expression') {
      const inner = fn.namedChildren[0];
      if (!inner) return UNKNOWN;
      const env = this.envAt(node);
      const output = this.callOutput(this.typeOf(inner), env);
      return output.k === 'unknown' ? this.guessFieldOutput(inner, env) : output;
    }
    return UNKNOWN;
  }

  private libraryCall(name: string, path: string): Ty {
    const notUnpin = NOT_UNPIN_CALLS.get(name);
    if (notUnpin) {
      const tokio = path.includes('tokio') || path.includes('time::') || this.mentionsTokio;
      if (name === 'sleep' && path.includes('thread')) return { k: 'tuple', items: [] };
      if (tokio) return pathTy(notUnpin, [], `tokio::time::${notUnpin}`);
      return UNKNOWN;
    }
    const unpin = UNPIN_CALLS.get(name);
    if (unpin && (name !== 'ok' && name !== 'err' ? true : path.includes('future'))) {
      if (name === 'spawn' && path.includes('thread')) return pathTy('JoinHandle');
      return pathTy(unpin, unpin === 'PollFn' ? [{ k: 'closure', async: false }] : []);
    }
    return UNKNOWN;
  }

  private methodType(callee: SyntaxNode, call: SyntaxNode): Ty {
    const method = callee.child('field')?.text ?? '';
    const receiver = callee.child('value');
    if (!receiver) return UNKNOWN;
    const receiverTy = this.typeOf(receiver);
    // Pin's methods are found through `&mut Pin<..>` too (auto-deref of the receiver).
    const pin =
      pinParts(receiverTy) ?? (receiverTy.k === 'ref' ? pinParts(receiverTy.inner) : null);
    const option =
      receiverTy.k === 'path' && receiverTy.name === 'Option'
        ? (receiverTy.args[0] ?? UNKNOWN)
        : null;
    // Through references only (`&mut Box<T>`, `&mut VecDeque<T>`), not through the box itself.
    let owned = receiverTy;
    while (owned.k === 'ref') owned = owned.inner;
    const boxed = owned.k === 'path' && owned.name === 'Box' ? (owned.args[0] ?? UNKNOWN) : null;
    const elements =
      owned.k === 'path' && ['Vec', 'VecDeque'].includes(owned.name)
        ? (owned.args[0] ?? UNKNOWN)
        : null;
    switch (method) {
      case 'as_mut':
        if (pin) return pathTy('Pin', [{ k: 'ref', mut: true, inner: pin.target }]);
        if (option) return pathTy('Option', [{ k: 'ref', mut: true, inner: option }]);
        if (boxed) return { k: 'ref', mut: true, inner: boxed };
        break;
      case 'as_ref':
        if (pin) return pathTy('Pin', [{ k: 'ref', mut: false, inner: pin.target }]);
        if (option) return pathTy('Option', [{ k: 'ref', mut: false, inner: option }]);
        if (boxed) return { k: 'ref', mut: false, inner: boxed };
        break;
      case 'pop':
      case 'pop_front':
      case 'pop_back':
        if (elements) return pathTy('Option', [elements]);
        break;
      case 'take':
        if (option) return receiverTy;
        break;
      case 'get_or_insert_with':
      case 'get_or_insert':
      case 'insert':
        if (option) return { k: 'ref', mut: true, inner: option };
        break;
      case 'get_mut':
      case 'get_unchecked_mut':
        if (pin) return { k: 'ref', mut: true, inner: pin.target };
        break;
      case 'get_ref':
        if (pin) return { k: 'ref', mut: false, inner: pin.target };
        break;
      case 'into_ref':
        if (pin) return pathTy('Pin', [{ k: 'ref', mut: false, inner: pin.target }]);
        break;
      case 'map_unchecked_mut': {
        const closure = call.child('arguments')?.namedChildren[0];
        const body = closure?.type === 'closure_expression' ? closure.child('body') : null;
        const field = body ? projectedField(body) : null;
        const target = field && pin ? this.fieldType(pin.target, field) : UNKNOWN;
        return pathTy('Pin', [{ k: 'ref', mut: true, inner: target }]);
      }
      case 'boxed':
        return pathTy('BoxFuture');
      case 'boxed_local':
        return pathTy('LocalBoxFuture');
      case 'clone':
        return derefTy(receiverTy).k === 'unknown'
          ? receiverTy
          : receiverTy.k === 'ref'
            ? receiverTy.inner
            : receiverTy;
      case 'fuse':
        return pathTy('Fuse', [receiverTy]);
      case 'unwrap':
      case 'expect':
      case 'unwrap_unchecked':
        if (
          receiverTy.k === 'path' &&
          (receiverTy.name === 'Option' || receiverTy.name === 'Result')
        ) {
          return receiverTy.args[0] ?? UNKNOWN;
        }
        break;
      default:
        break;
    }
    const receiverType = autoderef(receiverTy);
    const receiverName = receiverType.k === 'path' ? receiverType.name : null;
    let candidates = this.fnsNamed(method).filter((f) =>
      f.impl
        ? !receiverName || !f.impl.typeName || f.impl.typeName === receiverName
        : // A fragment's method pasted without its `impl` line: it has a `self` but no type.
          f.receiver !== null && f.inTrait === null && !receiverName,
    );
    // A trait object or generic receiver (`t: &dyn Task`, `T: Task`): the trait's declaration.
    const traits = receiverType.k === 'dyn' || receiverType.k === 'impl' ? receiverType.bounds : [];
    const generic =
      receiverType.k === 'path' ? this.envAt(call).params.get(receiverType.name) : undefined;
    const declared = this.fnsNamed(method).filter(
      (f) =>
        f.inTrait !== null &&
        (traits.includes(f.inTrait) || (generic?.includes(f.inTrait) ?? false)),
    );
    if (declared.length > 0) candidates = declared;
    // A receiver the snippet does not type (`self.loader` of a struct not shown): a method only
    // one trait of the snippet declares is that trait's.
    if (candidates.length === 0 && receiverType.k === 'unknown') {
      const traitOnly = this.fnsNamed(method).filter((f) => f.inTrait !== null);
      if (traitOnly.length === 1) candidates = traitOnly;
    }
    const first = candidates[0];
    if (first && candidates.every((f) => f.async === first.async)) {
      const args = candidates.length === 1 ? (call.child('arguments')?.namedChildren ?? []) : [];
      return this.fnCallType(first, receiverType.k === 'path' ? receiverType : null, args);
    }
    if (candidates.length === 0 && ASYNC_METHODS.has(method) && receiverTy.k === 'unknown') {
      return { k: 'async', what: `the future returned by \`.${method}()\``, probable: true };
    }
    return UNKNOWN;
  }

  /** `args`: the call's arguments (without the receiver), to infer the fn's own generics. */
  private fnCallType(fn: FnInfo, selfTy: Ty | null, args: readonly SyntaxNode[] = []): Ty {
    if (fn.async) {
      return {
        k: 'async',
        what: `the future returned by \`${fn.name}()\``,
        origin: `fn@${String(fn.node.start)}`,
      };
    }
    let returned = substSelf(this.read(fn.returnNode), selfTy ?? fn.env.self ?? UNKNOWN);
    if (mentionsParam(returned, fn) && args.length > 0)
      returned = substitute(returned, this.inferGenerics(fn, args));
    if (mentionsParam(returned, fn)) return UNKNOWN;
    if (returned.k === 'impl' && fn.body) {
      // Auto traits leak through `impl Trait`: look at what the body returns.
      const tail = tailOf(fn.body);
      if (tail?.type === 'async_block') {
        return {
          k: 'async',
          what: `the future returned by \`${fn.name}()\` (an async block)`,
          origin: `fn@${String(fn.node.start)}`,
        };
      }
      if (tail) {
        const inner = this.typeOf(tail);
        if (inner.k !== 'unknown') return inner;
      }
      return { ...returned, leaks: true };
    }
    return returned;
  }

  /**
   * The fn's own type parameters read off the arguments of a call: `fn take<T>(v: &mut Vec<T>)
   * -> T` called with a `&mut Vec<G>` gives `T = G`.
   */
  private inferGenerics(fn: FnInfo, args: readonly SyntaxNode[]): Map<string, Ty> {
    const own = new Set(typeParams(fn.node.child('type_parameters')).params);
    const map = new Map<string, Ty>();
    const unify = (param: Ty, arg: Ty, depth: number): void => {
      if (depth > 6 || arg.k === 'unknown') return;
      if (param.k === 'path' && param.args.length === 0 && own.has(param.name)) {
        if (!map.has(param.name)) map.set(param.name, arg);
      } else if (param.k === 'path' && arg.k === 'path' && param.name === arg.name) {
        param.args.forEach((inner, index) => {
          const actual = arg.args[index];
          if (actual) unify(inner, actual, depth + 1);
        });
      } else if ((param.k === 'ref' || param.k === 'array') && param.k === arg.k) {
        unify(param.inner, arg.inner, depth + 1);
      } else if (param.k === 'tuple' && arg.k === 'tuple') {
        param.items.forEach((item, index) => {
          const actual = arg.items[index];
          if (actual) unify(item, actual, depth + 1);
        });
      }
    };
    const params = (fn.node.child('parameters')?.namedChildren ?? []).filter(
      (param) => param.type === 'parameter' && param.child('pattern')?.type !== 'self',
    );
    params.forEach((param, index) => {
      const arg = args[index];
      if (arg) unify(this.read(param.child('type')), this.typeOf(arg), 0);
    });
    return map;
  }

  /**
   * What calling a value of type `callee` returns, when an `Fn*` bound says: `impl FnMut() -> F`,
   * `Box<dyn Fn() -> F>`, `&dyn Fn() -> F`, `fn() -> F`, or a parameter `M: FnMut() -> Fut`.
   */
  callOutput(callee: Ty, env: GenericEnv): Ty {
    let current = callee;
    for (let depth = 0; depth < 4; depth++) {
      if ((current.k === 'impl' || current.k === 'dyn' || current.k === 'fn') && current.output)
        return current.output;
      if (current.k === 'path' && current.args.length === 0) {
        const output = env.outputs?.get(current.name);
        if (output) return output;
      }
      current = derefTy(current);
      if (current.k === 'unknown') return UNKNOWN;
    }
    return UNKNOWN;
  }

  /**
   * A fragment calls a field of a struct it does not show (`(self.make)()` in `impl<M, Fut>
   * Retry<M> where M: FnMut() -> Fut`): when exactly one type argument of the owner is a callable
   * parameter, the field is that parameter.
   */
  private guessFieldOutput(callee: SyntaxNode, env: GenericEnv): Ty {
    const value = callee.type === 'field_expression' ? callee.child('value') : null;
    const owner = value ? autoderef(this.typeOf(value)) : UNKNOWN;
    const ownerTy = owner.k === 'path' && owner.name === 'Self' ? (env.self ?? UNKNOWN) : owner;
    if (ownerTy.k !== 'path' || this.types.has(ownerTy.name)) return UNKNOWN;
    const outputs = ownerTy.args.flatMap((arg) => {
      const output = arg.k === 'path' ? env.outputs?.get(arg.name) : undefined;
      return output ? [output] : [];
    });
    return outputs.length === 1 && outputs[0] ? outputs[0] : UNKNOWN;
  }

  /**
   * For a variable initialised by a call of a plain function the snippet does not define (a
   * fragment: `let mut job = load_user(7);` with `load_user` cut away): the callee's name. Such a
   * value is probably the future of an `async fn`, but the snippet does not show it.
   */
  unknownCallee(place: SyntaxNode): string | null {
    if (place.type !== 'identifier') return null;
    const binding = this.scopes.resolve(place);
    if (binding?.kind !== 'let' || !binding.value || binding.typeNode) return null;
    let value = binding.value;
    while (value.type === 'parenthesized_expression') value = value.namedChildren[0] ?? value;
    if (value.type !== 'call_expression') return null;
    const fn = value.child('function');
    if (fn?.type !== 'identifier' || /^[A-Z]/.test(fn.text)) return null;
    if (this.fnsNamed(fn.text).length > 0 || this.scopes.resolve(fn)) return null;
    if (this.typeOf(value).k !== 'unknown' || UNPIN_CALLS.has(fn.text)) return null;
    return fn.text;
  }

  /** The type of field `name` of a value of type `base` (auto-dereferenced). */
  fieldType(base: Ty, name: string): Ty {
    const target = autoderef(base);
    if (target.k === 'tuple') return target.items[Number(name)] ?? UNKNOWN;
    if (target.k !== 'path') return UNKNOWN;
    const item = this.types.get(target.name);
    const field = item?.fields.find((f) => f.name === name);
    if (!item || !field) return UNKNOWN;
    return substitute(field.ty, paramMap(item, target.args));
  }

  // ---- Unpin -------------------------------------------------------------------------------

  /** Is a value of type `ty` Unpin, in the generic environment `env`? */
  unpin(ty: Ty, env: GenericEnv, seen = new Set<string>()): Unpinness {
    switch (ty.k) {
      case 'async':
        return NO(`${ty.what} is \`!Unpin\``, ty.probable !== true);
      case 'closure':
      case 'fn':
      case 'ref':
      case 'ptr':
        return YES('references, pointers and closures are `Unpin`');
      case 'dyn':
        return ty.bounds.includes('Unpin')
          ? YES('the trait object is `+ Unpin`')
          : NO(
              `\`dyn ${ty.bounds[0] ?? 'Trait'}\` without \`+ Unpin\` is not known to be \`Unpin\``,
            );
      case 'impl': {
        if (ty.bounds.includes('Unpin')) return YES('`impl .. + Unpin`');
        const leaks = ty.leaks === true;
        return NO(`\`impl ${ty.bounds[0] ?? 'Trait'}\` is not known to be \`Unpin\``, !leaks);
      }
      case 'tuple':
        return this.all(ty.items, env, seen);
      case 'array':
        return this.unpin(ty.inner, env, seen);
      case 'unknown':
        return UNSURE('the snippet does not show this type');
      case 'path':
        return this.unpinPath(ty, env, seen);
    }
  }

  private all(items: Ty[], env: GenericEnv, seen: Set<string>): Unpinness {
    let unknown: Unpinness | null = null;
    for (const item of items) {
      const result = this.unpin(item, env, seen);
      if (result.value === 'no') return result;
      if (result.value === 'unknown') unknown ??= result;
    }
    return unknown ?? YES('all parts are `Unpin`');
  }

  private unpinPath(ty: Extract<Ty, { k: 'path' }>, env: GenericEnv, seen: Set<string>): Unpinness {
    const { name } = ty;
    if (name === 'Self') {
      return env.self && !(env.self.k === 'path' && env.self.name === 'Self')
        ? this.unpin(env.self, env, seen)
        : UNSURE('`Self`');
    }
    const bounds = env.params.get(name);
    if (bounds) {
      if (this.boundsImplyUnpin(bounds)) return YES(`\`${name}: Unpin\` is required`);
      return NO(`the generic \`${name}\` has no \`Unpin\` bound`);
    }
    const never = NEVER_UNPIN.get(name);
    if (never && !this.types.has(name)) return NO(never);
    if (name === 'Timeout' && ty.path.includes('tokio'))
      return NO("tokio's `Timeout` holds a `Sleep`, which is `!Unpin`");
    if (isPrimitive(name)) return YES(`\`${name}\` is \`Unpin\``);
    const item = this.types.get(name);
    if (item) return this.unpinItem(item, ty, env, seen);
    if (ALWAYS_UNPIN.has(name)) return YES(`\`${name}\` is \`Unpin\``);
    if (STRUCTURAL.has(name)) return this.all(ty.args, env, seen);
    const held = this.heldFuture(ty, env);
    if (held) {
      return NO(
        `\`${name}\` is not shown, but it wraps the generic future \`${held}\`, which has no \`Unpin\` bound`,
      );
    }
    return UNSURE(`the snippet does not show whether \`${name}\` is \`Unpin\``);
  }

  /**
   * A type the snippet does not define, whose argument is a generic future or stream without an
   * `Unpin` bound (`Counted<Fut>` in `impl<Fut: Future> Future for Counted<Fut>`): a wrapper like
   * that holds the future itself, so it is `!Unpin` like it. Returns the parameter's name.
   */
  private heldFuture(ty: Extract<Ty, { k: 'path' }>, env: GenericEnv): string | null {
    for (const arg of ty.args) {
      if (arg.k !== 'path') continue;
      const bounds = env.params.get(arg.name);
      if (!bounds || this.boundsImplyUnpin(bounds)) continue;
      if (bounds.some((bound) => ASYNC_TRAITS.has(bound))) return arg.name;
    }
    return null;
  }

  private boundsImplyUnpin(bounds: readonly string[]): boolean {
    return bounds.some(
      (bound) => bound === 'Unpin' || (this.traits.get(bound)?.includes('Unpin') ?? false),
    );
  }

  private unpinItem(
    item: TypeItem,
    ty: Extract<Ty, { k: 'path' }>,
    env: GenericEnv,
    seen: Set<string>,
  ): Unpinness {
    const key = showTy(ty);
    if (seen.has(key)) return YES('recursive type');
    seen.add(key);
    const map = paramMap(item, ty.args);
    for (const impl of this.impls) {
      if (impl.trait !== 'Unpin' || impl.typeName !== item.name) continue;
      if (impl.negative) return NO(`\`${item.name}\` has \`impl !Unpin\``);
      // The impl's own parameters that it requires to be Unpin, mapped to our arguments.
      const implArgs = impl.selfTy.k === 'path' ? impl.selfTy.args : [];
      for (const [param, paramBounds] of impl.env.params) {
        if (!this.boundsImplyUnpin(paramBounds)) continue;
        const position = implArgs.findIndex((arg) => arg.k === 'path' && arg.name === param);
        const actual = position >= 0 ? ty.args[position] : undefined;
        if (!actual) continue;
        const result = this.unpin(actual, env, seen);
        if (result.value !== 'yes') return result;
      }
      return YES(`\`${item.name}\` implements \`Unpin\``);
    }
    for (const field of item.fields) {
      const fieldTy = substitute(field.ty, map);
      const result = this.unpin(fieldTy, env, seen);
      if (result.value === 'no') {
        const why =
          fieldTy.k === 'path' && fieldTy.name === 'PhantomPinned'
            ? `\`${item.name}\` holds a \`PhantomPinned\``
            : `\`${item.name}\` holds \`${field.name}: ${showTy(fieldTy)}\` and ${result.why}`;
        return { value: 'no', sure: result.sure, why };
      }
      if (result.value === 'unknown') return result;
    }
    return YES(`every field of \`${item.name}\` is \`Unpin\``);
  }

  /** Unpin-ness of the value an expression produces. */
  unpinOfExpr(node: SyntaxNode): Unpinness {
    return this.unpin(this.typeOf(node), this.envAt(node));
  }

  // ---- structural pinning ------------------------------------------------------------------

  /** Every place where the snippet pins a field in place (projection). */
  get projections(): Projection[] {
    this.projectionList ??= this.findProjections();
    return this.projectionList;
  }

  /** True when `field` of `type` (or of an unknown type) is pinned structurally somewhere. */
  isProjected(type: string | null, field: string, elements?: boolean): boolean {
    return this.projections.some(
      (p) =>
        p.field === field &&
        (p.type === null || type === null || p.type === type) &&
        (elements === undefined || p.elements === elements),
    );
  }

  private findProjections(): Projection[] {
    const out: Projection[] = [];
    for (const item of this.types.values()) {
      if (!item.pinProject) continue;
      for (const field of item.fields) {
        if (field.pinAttribute)
          out.push({ type: item.name, field: field.name, elements: false, node: field.node });
      }
    }
    for (const call of this.tree.ofType('call_expression')) {
      const fn = call.child('function');
      const args = call.child('arguments')?.namedChildren ?? [];
      // `pin.map_unchecked_mut(|s| &mut s.f)` or `Pin::map_unchecked_mut(pin, |s| &mut s.f)`
      const methodForm =
        fn?.type === 'field_expression' && fn.child('field')?.text === 'map_unchecked_mut';
      const pathForm =
        fn?.type === 'scoped_identifier' &&
        fn.child('name')?.text === 'map_unchecked_mut' &&
        lastSegment(fn.child('path')?.text ?? '') === 'Pin';
      if (methodForm || pathForm) {
        const closure = methodForm ? args[0] : args[1];
        const body = closure?.type === 'closure_expression' ? closure.child('body') : null;
        // `|s| &mut s.futs[i]` pins one element of `futs`, not the field.
        const element = body ? projectedElementField(body) : null;
        const field = element ?? (body ? projectedField(body) : null);
        const receiver = methodForm ? fn.child('value') : (args[0] ?? null);
        if (field && receiver) {
          out.push({
            type: this.pinnedTypeName(receiver) ?? this.implAt(call)?.typeName ?? null,
            field,
            elements: element !== null,
            node: call,
          });
        }
        continue;
      }
      if (fn?.type !== 'scoped_identifier' || fn.child('name')?.text !== 'new_unchecked') continue;
      if (lastSegment(fn.child('path')?.text ?? '') !== 'Pin') continue;
      const arg = args[0];
      const origin = arg ? this.placeOrigin(arg) : null;
      if (origin) out.push({ ...origin, node: call });
    }
    return out;
  }

  private pinnedTypeName(receiver: SyntaxNode): string | null {
    const pin = pinParts(this.typeOf(receiver));
    const target = pin ? autoderef(pin.target) : UNKNOWN;
    if (target.k === 'path') {
      if (target.name === 'Self') {
        const self = this.envAt(receiver).self;
        return self?.k === 'path' ? self.name : null;
      }
      return target.name;
    }
    return null;
  }

  /**
   * Which field an expression points into: `&mut this.fut`, `this.fut.as_mut().unwrap()`,
   * `&mut this.futs[i]`, or a closure/loop variable that walks `this.futs`.
   */
  placeOrigin(node: SyntaxNode, depth = 0): Omit<Projection, 'node'> | null {
    if (depth > 6) return null;
    let current = node;
    let elements = false;
    for (let guard = 0; guard < 12; guard++) {
      if (current.type === 'reference_expression' || current.type === 'parenthesized_expression') {
        const inner = current.child('value') ?? current.namedChildren[0];
        if (!inner) return null;
        current = inner;
      } else if (current.type === 'unsafe_block') {
        // `unsafe { &mut self.get_unchecked_mut().fut }`: the block's only expression.
        const block = current.childOfType('block');
        const tail = block && block.namedChildren.length === 1 ? tailOf(block) : null;
        if (!tail) return null;
        current = tail;
      } else if (current.type === 'index_expression') {
        elements = true;
        const inner = current.namedChildren[0];
        if (!inner) return null;
        current = inner;
      } else if (
        current.type === 'call_expression' &&
        current.child('function')?.type === 'field_expression'
      ) {
        const callee = current.child('function');
        const method = callee?.child('field')?.text ?? '';
        const receiver = callee?.child('value');
        if (
          !receiver ||
          !['as_mut', 'unwrap', 'expect', 'get_mut', 'iter_mut', 'last_mut', 'first_mut'].includes(
            method,
          )
        ) {
          return null;
        }
        if (
          method === 'get_mut' ||
          method === 'iter_mut' ||
          method === 'last_mut' ||
          method === 'first_mut'
        ) {
          elements = true;
        }
        current = receiver;
      } else if (current.type === 'field_expression') {
        const field = current.child('field')?.text;
        const value = current.child('value');
        if (!field || !value) return null;
        return { type: this.ownerTypeName(value), field, elements };
      } else if (current.type === 'identifier') {
        const binding = this.scopes.resolve(current);
        if (!binding) return null;
        if (binding.kind === 'let' && binding.value)
          return this.placeOrigin(binding.value, depth + 1);
        const matched = matchedValue(binding);
        if (matched) return this.placeOrigin(matched, depth + 1);
        if (binding.kind === 'closure-param' || binding.kind === 'pattern') {
          const source = iteratedSource(binding);
          if (!source) return null;
          const origin = this.placeOrigin(source, depth + 1);
          return origin ? { ...origin, elements: true } : null;
        }
        return null;
      } else {
        return null;
      }
    }
    return null;
  }

  /** The struct name of the value whose field is accessed (`this` in `this.fut`). */
  ownerTypeName(value: SyntaxNode): string | null {
    const ty = autoderef(this.typeOf(value));
    if (ty.k === 'path') {
      if (ty.name === 'Self') {
        const self = this.envAt(value).self;
        return self?.k === 'path' ? self.name : null;
      }
      if (this.types.has(ty.name)) return ty.name;
    }
    return this.implAt(value)?.typeName ?? null;
  }
}

// ---- helpers -------------------------------------------------------------------------------

interface Attribute {
  name: string;
  node: SyntaxNode;
  args: SyntaxNode[];
}

/** The outer attributes written right before an item or field. */
export function attributesOf(node: SyntaxNode): Attribute[] {
  const out: Attribute[] = [];
  for (let sibling = node.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (sibling.type === 'line_comment' || sibling.type === 'block_comment') continue;
    if (sibling.type !== 'attribute_item') break;
    const attribute = sibling.childOfType('attribute');
    const path = attribute?.namedChildren[0];
    if (!attribute || !path) continue;
    const name = path.type === 'scoped_identifier' ? (path.child('name')?.text ?? '') : path.text;
    const tokens = attribute.child('arguments');
    out.push({ name, node: sibling, args: tokens ? tokens.namedChildren : [] });
  }
  // Attributes inside a field declaration list sit before the field as siblings too.
  return out;
}

function typeParams(node: SyntaxNode | null): { params: string[]; lifetimes: string[] } {
  const params: string[] = [];
  const lifetimes: string[] = [];
  for (const child of node?.namedChildren ?? []) {
    if (child.type === 'type_parameter' || child.type === 'optional_type_parameter') {
      const name = child.child('name')?.text ?? child.namedChildren[0]?.text;
      if (name) params.push(name);
    } else if (child.type === 'constrained_type_parameter') {
      const name = child.child('left')?.text;
      if (name) params.push(name);
    } else if (child.type === 'lifetime_parameter' || child.type === 'lifetime') {
      lifetimes.push(child.text.split(':')[0]?.trim() ?? child.text);
    } else if (child.type === 'type_identifier') {
      params.push(child.text);
    }
  }
  return { params, lifetimes };
}

/** Bounds of the type parameters declared on `scopes` (impl and fn), `where` clauses included. */
function envOf(scopes: SyntaxNode[], self: Ty | null): GenericEnv {
  const params = new Map<string, string[]>();
  const outputs = new Map<string, Ty>();
  for (const scope of scopes) {
    const list = scope.child('type_parameters');
    for (const param of list?.namedChildren ?? []) {
      if (param.type === 'lifetime_parameter' || param.type === 'const_parameter') continue;
      const name =
        param.child('name')?.text ?? param.child('left')?.text ?? param.namedChildren[0]?.text;
      if (!name) continue;
      const bounds = param.child('bounds');
      params.set(name, [...(params.get(name) ?? []), ...(bounds ? boundNames(bounds) : [])]);
      const output = bounds ? callOutputOf(bounds) : null;
      if (output) outputs.set(name, output);
    }
    // `impl Trait` in argument position acts as an anonymous parameter; its bounds are read from
    // the parameter's own type, so nothing to add here.
    const where = scope.childOfType('where_clause');
    for (const predicate of where?.namedChildren ?? []) {
      const left = predicate.child('left')?.text;
      const bounds = predicate.child('bounds');
      if (!left || !bounds) continue;
      if (params.has(left)) params.set(left, [...(params.get(left) ?? []), ...boundNames(bounds)]);
      const output = params.has(left) ? callOutputOf(bounds) : null;
      if (output) outputs.set(left, output);
    }
  }
  return { params, self, outputs };
}

function receiverOf(fn: SyntaxNode): Receiver | null {
  const first = fn.child('parameters')?.namedChildren[0];
  if (!first) return null;
  if (first.type === 'self_parameter') {
    if (!first.hasAnonymous('&')) return 'value';
    return first.childOfType('mutable_specifier') ? 'mut' : 'ref';
  }
  if (first.type === 'parameter' && first.child('pattern')?.type === 'self') {
    const ty = readType(first.child('type'));
    const pin = pinParts(ty);
    if (pin) return pin.pointer === 'mut' ? 'pin-mut' : pin.pointer === 'ref' ? 'pin-ref' : 'other';
    if (ty.k === 'ref') return ty.mut ? 'mut' : 'ref';
    if (ty.k === 'path' && ty.name === 'Box') return 'box';
    return 'other';
  }
  return null;
}

function substSelf(ty: Ty, self: Ty): Ty {
  if (self.k === 'unknown') return ty;
  return substitute(ty, new Map([['Self', self]]));
}

function paramMap(item: TypeItem, args: Ty[]): Map<string, Ty> {
  const map = new Map<string, Ty>();
  item.params.forEach((param, index) => {
    const arg = args[index];
    if (arg && !(arg.k === 'path' && arg.name === param)) map.set(param, arg);
  });
  return map;
}

export function substitute(ty: Ty, map: ReadonlyMap<string, Ty>): Ty {
  if (map.size === 0) return ty;
  switch (ty.k) {
    case 'path': {
      const replaced = ty.args.length === 0 ? map.get(ty.name) : undefined;
      if (replaced) return replaced;
      return { ...ty, args: ty.args.map((arg) => substitute(arg, map)) };
    }
    case 'ref':
    case 'ptr':
    case 'array':
      return { ...ty, inner: substitute(ty.inner, map) };
    case 'tuple':
      return { ...ty, items: ty.items.map((item) => substitute(item, map)) };
    default:
      return ty;
  }
}

function mentionsParam(ty: Ty, fn: FnInfo): boolean {
  const own = new Set<string>();
  for (const param of fn.node.child('type_parameters')?.namedChildren ?? []) {
    const name = param.child('name')?.text;
    if (name) own.add(name);
  }
  if (own.size === 0) return false;
  const visit = (t: Ty): boolean => {
    switch (t.k) {
      case 'path':
        return own.has(t.name) || t.args.some(visit);
      case 'ref':
      case 'ptr':
      case 'array':
        return visit(t.inner);
      case 'tuple':
        return t.items.some(visit);
      default:
        return false;
    }
  };
  return visit(ty);
}

/** The element type of a collection type (`Vec<T>`, `[T; N]` ...). */
function elementOf(ty: Ty): Ty {
  if (ty.k === 'array') return ty.inner;
  if (
    ty.k === 'path' &&
    ['Vec', 'VecDeque', 'HashSet', 'BTreeSet', 'Option', 'LinkedList'].includes(ty.name)
  ) {
    return ty.args[0] ?? UNKNOWN;
  }
  return UNKNOWN;
}

/** What `*x` gives for a value of type `ty`. */
export function derefTy(ty: Ty): Ty {
  if (ty.k === 'ref' || ty.k === 'ptr') return ty.inner;
  if (ty.k === 'path') {
    if (ty.name === 'Box' || ty.name === 'Rc' || ty.name === 'Arc') return ty.args[0] ?? UNKNOWN;
    const pin = pinParts(ty);
    if (pin) return pin.target;
  }
  return UNKNOWN;
}

/** Strips references, boxes and pins, as field access and method calls do. */
export function autoderef(ty: Ty): Ty {
  let current = ty;
  for (let i = 0; i < 6; i++) {
    const next = derefTy(current);
    if (next.k === 'unknown') {
      if (current.k === 'ref' || current.k === 'ptr') return next;
      if (current.k === 'path' && ['Box', 'Rc', 'Arc', 'Pin'].includes(current.name)) return next;
      return current;
    }
    current = next;
  }
  return current;
}

/** `&mut s.fut` / `unsafe { &mut s.fut }` in a projection closure -> `fut`. */
export function projectedField(body: SyntaxNode): string | null {
  let current: SyntaxNode | null = body;
  for (let guard = 0; current && guard < 6; guard++) {
    if (current.type === 'block' || current.type === 'unsafe_block') {
      current = tailOf(current);
    } else if (
      current.type === 'reference_expression' ||
      current.type === 'parenthesized_expression'
    ) {
      current = current.child('value') ?? current.namedChildren[0] ?? null;
    } else if (current.type === 'call_expression') {
      // `s.fut.as_mut()` style
      const callee = current.child('function');
      current = callee?.type === 'field_expression' ? callee.child('value') : null;
    } else if (current.type === 'field_expression') {
      // The first field after the closure parameter: `s.fut.inner` -> `fut`.
      let field: SyntaxNode = current;
      while (field.child('value')?.type === 'field_expression') {
        const inner = field.child('value');
        if (!inner) break;
        field = inner;
      }
      return field.child('field')?.text ?? null;
    } else {
      return null;
    }
  }
  return null;
}

/** `&mut s.futs[i]` / `unsafe { &mut s.futs[i] }` in a projection closure -> `futs`. */
function projectedElementField(body: SyntaxNode): string | null {
  let current: SyntaxNode | null = body;
  for (let guard = 0; current && guard < 6; guard++) {
    if (current.type === 'block' || current.type === 'unsafe_block') current = tailOf(current);
    else if (current.type === 'reference_expression' || current.type === 'parenthesized_expression')
      current = current.child('value') ?? current.namedChildren[0] ?? null;
    else if (current.type === 'index_expression') {
      const base = current.namedChildren[0];
      return base?.type === 'field_expression' ? projectedField(base) : null;
    } else return null;
  }
  return null;
}

/**
 * For `Some(f)` in `match x.as_mut() { Some(f) => .. }`, `if let Some(f) = x.as_mut()` or
 * `let Some(f) = x.as_mut() else { .. }`: `x.as_mut()`.
 */
function matchedValue(binding: Binding): SyntaxNode | null {
  const decl = binding.decl;
  // `let Some(f) = x.as_mut() else { .. };`
  if (decl.type === 'let_declaration' && decl.child('pattern')?.type === 'tuple_struct_pattern')
    return decl.child('value');
  if (binding.kind !== 'pattern') return null;
  if (decl.type === 'let_condition') return decl.child('value');
  if (decl.type === 'match_arm') return decl.parent?.parent?.child('value') ?? null;
  return null;
}

/** Iterator adapters that hand on the elements they get, unchanged and in place. */
const PASS_THROUGH_ADAPTERS = new Set(['rev', 'skip', 'take', 'step_by', 'filter', 'by_ref']);

/** Where `ident` sits in nested tuple patterns: `b` in `(a, (b, c))` -> [1, 0]. */
function tuplePath(ident: SyntaxNode, pattern: SyntaxNode): number[] {
  const path: number[] = [];
  let node = ident;
  for (let guard = 0; node !== pattern && guard < 8; guard++) {
    const parent = node.parent;
    if (!parent) return [];
    if (parent.type === 'tuple_pattern') path.unshift(parent.namedChildren.indexOf(node));
    node = parent;
  }
  return node === pattern ? path : [];
}

/**
 * The expression whose elements a loop pattern at `path` walks: `xs.iter_mut()` for `f` in
 * `for (f, o) in xs.iter_mut().zip(ys.iter_mut())`, or for `f` in `for (i, f) in
 * xs.iter_mut().enumerate()`. Null for the index of `enumerate` or an unknown adapter.
 */
function elementSource(iter: SyntaxNode | null, path: readonly number[]): SyntaxNode | null {
  let current = iter;
  let rest = path;
  for (let guard = 0; current && guard < 8; guard++) {
    const callee = current.type === 'call_expression' ? current.child('function') : null;
    const method = callee?.type === 'field_expression' ? callee.child('field')?.text : undefined;
    const receiver = callee?.child('value') ?? null;
    if (method === 'zip' || method === 'enumerate') {
      const [position, ...inner] = rest;
      if (position === undefined) return null;
      if (method === 'enumerate' && position !== 1) return null;
      current =
        method === 'zip' && position === 1
          ? (current.child('arguments')?.namedChildren[0] ?? null)
          : receiver;
      rest = inner;
    } else if (method && PASS_THROUGH_ADAPTERS.has(method)) {
      current = receiver;
    } else {
      return rest.length === 0 ? current : null;
    }
  }
  return null;
}

/** For `|f|` in `xs.retain_mut(|f| ..)` or `for f in xs.iter_mut()`: the `xs` expression. */
function iteratedSource(binding: Binding): SyntaxNode | null {
  if (binding.kind === 'pattern' && binding.decl.type === 'for_expression') {
    const pattern = binding.decl.child('pattern');
    const path = binding.ident && pattern ? tuplePath(binding.ident, pattern) : [];
    return elementSource(binding.decl.child('value'), path);
  }
  if (binding.kind !== 'closure-param') return null;
  const closure = binding.decl;
  const args = closure.parent;
  const call = args?.parent;
  if (args?.type !== 'arguments' || call?.type !== 'call_expression') return null;
  const callee = call.child('function');
  if (callee?.type !== 'field_expression') return null;
  const method = callee.child('field')?.text ?? '';
  const ITERATING = [
    'retain_mut',
    'retain',
    'for_each',
    'iter_mut',
    'map',
    'filter_map',
    'any',
    'all',
    'sort_by',
    'dedup_by',
  ];
  if (!ITERATING.includes(method)) return null;
  let receiver = callee.child('value');
  // `xs.iter_mut().for_each(|f| ..)`
  while (receiver?.type === 'call_expression') {
    const inner = receiver.child('function');
    if (inner?.type !== 'field_expression') break;
    receiver = inner.child('value');
  }
  return receiver;
}
