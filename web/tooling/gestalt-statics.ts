// Lets the bundler drop the Gestalt components the app never uses. Gestalt ships as one ES module
// whose components get their statics by assignment (`Modal.displayName = 'Modal'`,
// `Dropdown.Item = DropdownItem`) and are made by unannotated calls (`forwardRef(…)`,
// `createContext(…)`). A property write or a call counts as a side effect, so every component was
// kept. This rewrites, in that one file only,
//   function Modal(…) {…}            function Modal$base(…) {…}
//   Modal.displayName = 'Modal';  →  const Modal = /*#__PURE__*/ Object.assign(Modal$base, {displayName: 'Modal'});
// and marks the top-level React factory calls pure, so an unused component is unreferenced and
// dropped, while a used one keeps every static (Gestalt reads displayName at run time).
import { parseAst } from 'rolldown/parseAst';
import type { Plugin } from 'vite';

const GESTALT_MODULE = /[\\/]node_modules[\\/]gestalt[\\/]dist[\\/]gestalt\.es\.js$/;
const PURE_FACTORIES = new Set(['forwardRef', 'createContext', 'memo']);

interface Span {
  start: number;
  end: number;
}
interface Edit extends Span {
  text: string;
}
// The few ESTree shapes this reads; parseAst's own types are wider than needed here.
interface Node extends Span {
  type: string;
  [key: string]: unknown;
}

// Quoted strings and comments, which name nothing. Template literals stay: what their ${} read counts.
const NOT_CODE = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
const WORD = /[A-Za-z_$][\w$]*/g;

/** Every word a span of code reads or declares (property names too, which only makes the check stricter). */
function words(code: string, span: Span): Set<string> {
  return new Set(code.slice(span.start, span.end).replace(NOT_CODE, ' ').match(WORD) ?? []);
}

/** The top-level binding a statement declares, when it declares exactly one. */
function declaredName(statement: Node): { name: string; id: Span } | null {
  if (statement.type === 'FunctionDeclaration') {
    const id = statement.id as Node & { name: string };
    return id ? { name: id.name, id } : null;
  }
  if (statement.type === 'VariableDeclaration') {
    const declarations = statement.declarations as Node[];
    const id = declarations.length === 1 ? (declarations[0]!.id as Node & { name?: string }) : null;
    return id?.type === 'Identifier' ? { name: id.name!, id } : null;
  }
  return null;
}

/** `X.prop = value;` at the top level: the object's name, the property and the value's span. */
function staticAssignment(statement: Node): { name: string; prop: string; value: Node } | null {
  if (statement.type !== 'ExpressionStatement') return null;
  const expression = statement.expression as Node;
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return null;
  const left = expression.left as Node;
  if (left.type !== 'MemberExpression' || left.computed) return null;
  const object = left.object as Node & { name?: string };
  const property = left.property as Node & { name?: string };
  if (object.type !== 'Identifier' || property.type !== 'Identifier') return null;
  return { name: object.name!, prop: property.name!, value: expression.right as Node };
}

/** `const X = forwardRef(…)` and the like: where to put the pure annotation. */
function factoryCall(statement: Node): number | null {
  if (statement.type !== 'VariableDeclaration') return null;
  const declarations = statement.declarations as Node[];
  const init = declarations.length === 1 ? (declarations[0]!.init as Node | null) : null;
  if (init?.type !== 'CallExpression') return null;
  const callee = init.callee as Node & { name?: string };
  return callee.type === 'Identifier' && PURE_FACTORIES.has(callee.name!) ? init.start : null;
}

export function makeGestaltShakeable(code: string): string {
  const body = (parseAst(code) as unknown as { body: Node[] }).body;
  const declarations = new Map<string, { index: number; id: Span; isFunction: boolean }>();
  const assignments = new Map<string, { index: number; prop: string; value: Node }[]>();
  const edits: Edit[] = [];
  const wordsCache = new Map<Node, Set<string>>();
  const names = (statement: Node) => {
    const cached = wordsCache.get(statement);
    if (cached) return cached;
    const found = words(code, statement);
    wordsCache.set(statement, found);
    return found;
  };

  body.forEach((statement, index) => {
    const declared = declaredName(statement);
    if (declared)
      declarations.set(declared.name, {
        index,
        id: declared.id,
        isFunction: statement.type === 'FunctionDeclaration',
      });
    const assigned = staticAssignment(statement);
    if (assigned && declarations.has(assigned.name)) {
      const list = assignments.get(assigned.name) ?? [];
      list.push({ index, prop: assigned.prop, value: assigned.value });
      assignments.set(assigned.name, list);
    }
    const pureAt = factoryCall(statement);
    if (pureAt !== null) edits.push({ start: pureAt, end: pureAt, text: '/*#__PURE__*/ ' });
  });

  for (const [name, list] of assignments) {
    const declaration = declarations.get(name)!;
    const own = new Set(list.map((entry) => entry.index));
    const last = list[list.length - 1]!.index;
    // The combined binding appears where the last static was set. Nothing evaluated before that
    // point may read the name (it would meet the binding before it exists): no statement between
    // declaration and last static may mention it, nor any non-function statement before a hoisted
    // function declaration.
    const between = body.slice(declaration.index + 1, last).filter((_, offset) => {
      return !own.has(declaration.index + 1 + offset);
    });
    const before = declaration.isFunction
      ? body.slice(0, declaration.index).filter((s) => s.type !== 'FunctionDeclaration')
      : [];
    const readers = [...between, ...before].map((statement) => names(statement));
    readers.push(...list.map((entry) => words(code, entry.value)));
    if (readers.some((found) => found.has(name))) continue;
    const statics = list.map((entry) => `${entry.prop}: ${code.slice(entry.value.start, entry.value.end)}`);
    edits.push({ start: declaration.id.start, end: declaration.id.end, text: `${name}$base` });
    for (const entry of list) {
      const statement = body[entry.index]!;
      const text =
        entry.index === last
          ? `const ${name} = /*#__PURE__*/ Object.assign(${name}$base, { ${statics.join(', ')} });`
          : '';
      edits.push({ start: statement.start, end: statement.end, text });
    }
  }

  const pieces: string[] = [];
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    pieces.push(code.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(code.slice(at));
  return pieces.join('');
}

export function gestaltShakeable(): Plugin {
  return {
    name: 'corkboard-gestalt-shakeable',
    apply: 'build',
    transform(code, id) {
      if (!GESTALT_MODULE.test(id)) return null;
      return { code: makeGestaltShakeable(code), map: null };
    },
  };
}
