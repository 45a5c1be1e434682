// Which files tree-sitter parses, with which grammar, and the queries that find their definitions
// and imports. Capture names: @name (the defined name), @def.KIND (the whole definition), @import.

export type LanguageId = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'rust' | 'java' | 'c' | 'cpp' | 'ruby';
export type SymbolKind = 'function' | 'class' | 'method' | 'type' | 'interface' | 'constant';

const EXTENSIONS: Readonly<Record<string, LanguageId>> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  py: 'python', pyi: 'python', go: 'go', rs: 'rust', java: 'java',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp', rb: 'ruby',
};

export function languageOf(filePath: string): LanguageId | undefined {
  const dot = filePath.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[filePath.slice(dot + 1).toLowerCase()];
}

const JS_COMMON = `
(function_declaration name: (identifier) @name) @def.function
(generator_function_declaration name: (identifier) @name) @def.function
(method_definition name: (_) @name) @def.method
(variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression)]) @def.function
(assignment_expression left: (member_expression property: (property_identifier) @name) right: [(function_expression) (arrow_function)]) @def.method
(pair key: (property_identifier) @name value: [(function_expression) (arrow_function)]) @def.method
(program (lexical_declaration (variable_declarator name: (identifier) @name)) @def.constant)
(program (export_statement (lexical_declaration (variable_declarator name: (identifier) @name))) @def.constant)
(import_statement source: (string) @import)
(call_expression function: (identifier) @_req (#eq? @_req "require") arguments: (arguments (string) @import))
`;

const TS_EXTRA = `
(class_declaration name: (type_identifier) @name) @def.class
(abstract_class_declaration name: (type_identifier) @name) @def.class
(interface_declaration name: (type_identifier) @name) @def.interface
(type_alias_declaration name: (type_identifier) @name) @def.type
(enum_declaration name: (identifier) @name) @def.type
`;

const C_COMMON = `
(function_definition declarator: (function_declarator declarator: (identifier) @name)) @def.function
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @def.function
(declaration declarator: (function_declarator declarator: (identifier) @name)) @def.function
(struct_specifier name: (type_identifier) @name body: (_)) @def.type
(enum_specifier name: (type_identifier) @name body: (_)) @def.type
(type_definition declarator: (type_identifier) @name) @def.type
(preproc_def name: (identifier) @name) @def.constant
(preproc_function_def name: (identifier) @name) @def.function
(preproc_include path: (_) @import)
`;

export const DEFINITION_QUERIES: Readonly<Record<LanguageId, string>> = {
  javascript: `${JS_COMMON}
(class_declaration name: (identifier) @name) @def.class`,
  typescript: JS_COMMON + TS_EXTRA,
  tsx: JS_COMMON + TS_EXTRA,
  python: `
(function_definition name: (identifier) @name) @def.function
(class_definition name: (identifier) @name) @def.class
(module (expression_statement (assignment left: (identifier) @name)) @def.constant)
(import_statement) @import
(import_from_statement) @import`,
  go: `
(function_declaration name: (identifier) @name) @def.function
(method_declaration name: (field_identifier) @name) @def.method
(type_spec name: (type_identifier) @name type: (interface_type)) @def.interface
(type_spec name: (type_identifier) @name) @def.type
(const_spec name: (identifier) @name) @def.constant
(import_spec path: (_) @import)`,
  rust: `
(function_item name: (identifier) @name) @def.function
(function_signature_item name: (identifier) @name) @def.method
(struct_item name: (type_identifier) @name) @def.type
(enum_item name: (type_identifier) @name) @def.type
(union_item name: (type_identifier) @name) @def.type
(type_item name: (type_identifier) @name) @def.type
(trait_item name: (type_identifier) @name) @def.interface
(const_item name: (identifier) @name) @def.constant
(static_item name: (identifier) @name) @def.constant
(macro_definition name: (identifier) @name) @def.function
(use_declaration) @import
(mod_item name: (identifier) @import)`,
  java: `
(class_declaration name: (identifier) @name) @def.class
(interface_declaration name: (identifier) @name) @def.interface
(enum_declaration name: (identifier) @name) @def.type
(method_declaration name: (identifier) @name) @def.method
(constructor_declaration name: (identifier) @name) @def.method
(import_declaration) @import`,
  c: C_COMMON,
  cpp: `${C_COMMON}
(class_specifier name: (type_identifier) @name body: (_)) @def.class
(function_definition declarator: (function_declarator declarator: (qualified_identifier name: (identifier) @name))) @def.method
(function_definition declarator: (function_declarator declarator: (field_identifier) @name)) @def.method`,
  ruby: `
(method name: (_) @name) @def.method
(singleton_method name: (_) @name) @def.method
(class name: (_) @name) @def.class
(module name: (_) @name) @def.class
(assignment left: (constant) @name) @def.constant
(call method: (identifier) @_req (#match? @_req "^require") arguments: (argument_list (string) @import))`,
};

/**
 * How deep below the root a definition query may start matching, for languages whose definitions sit
 * near the top of the tree. Walking the whole tree costs about a third of parsing it, and nearly all of
 * that is spent inside function bodies; in these languages the few definitions that deep are local
 * helpers (a type declared inside a Go test, an import inside a Python function). On the benchmark
 * repositories depth 8 keeps all but 8 of some 11,000 definitions and imports and saves 40% of the
 * walk. JavaScript and TypeScript nest real definitions in callbacks (`describe(() => { … })`, object
 * literals of handlers), and the other languages are not measured: they are walked whole.
 */
export const MAX_START_DEPTH: Readonly<Partial<Record<LanguageId, number>>> = { go: 8, python: 8, rust: 8 };

/** Node types whose presence above a function makes it a method. */
export const CLASS_LIKE = new Set([
  'class_declaration', 'class_definition', 'class_body', 'impl_item', 'trait_item', 'class_specifier', 'class', 'module', 'object',
]);

/** Grammar file name in tree-sitter-wasms/out for a language. */
export function grammarFile(language: LanguageId): string {
  return `tree-sitter-${language}.wasm`;
}
