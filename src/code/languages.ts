// What counts as a definition in each language: a tree-sitter query per grammar, patterns where no grammar ships.

/**
 * Definition queries: every `@def` capture is the name of a class, function, method, interface, type, struct, enum
 * (or, at the top of a module, a constant). References are not captured here: see extract.ts.
 */
export const DEFINITION_QUERIES: Readonly<Record<string, string>> = {
  typescript: typescriptQuery('type_identifier'),
  tsx: typescriptQuery('type_identifier'),
  javascript: `
    (class_declaration name: (identifier) @def)
    (function_declaration name: (identifier) @def)
    (generator_function_declaration name: (identifier) @def)
    (method_definition name: (property_identifier) @def)
    (program (lexical_declaration (variable_declarator name: (identifier) @def)))
    (program (variable_declaration (variable_declarator name: (identifier) @def)))
    (program (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @def))))`,
  python: `
    (class_definition name: (identifier) @def)
    (function_definition name: (identifier) @def)
    (module (expression_statement (assignment left: (identifier) @def)))`,
  go: `
    (function_declaration name: (identifier) @def)
    (method_declaration name: (field_identifier) @def)
    (type_spec name: (type_identifier) @def)`,
  java: `
    (class_declaration name: (identifier) @def)
    (interface_declaration name: (identifier) @def)
    (enum_declaration name: (identifier) @def)
    (record_declaration name: (identifier) @def)
    (annotation_type_declaration name: (identifier) @def)
    (method_declaration name: (identifier) @def)`,
  'c-sharp': `
    (class_declaration name: (identifier) @def)
    (interface_declaration name: (identifier) @def)
    (struct_declaration name: (identifier) @def)
    (enum_declaration name: (identifier) @def)
    (record_declaration name: (identifier) @def)
    (delegate_declaration name: (identifier) @def)
    (method_declaration name: (identifier) @def)`,
  ruby: `
    (class name: (constant) @def)
    (class name: (scope_resolution name: (constant) @def))
    (module name: (constant) @def)
    (module name: (scope_resolution name: (constant) @def))
    (method name: (identifier) @def)
    (singleton_method name: (identifier) @def)`,
  php: `
    (class_declaration name: (name) @def)
    (interface_declaration name: (name) @def)
    (trait_declaration name: (name) @def)
    (enum_declaration name: (name) @def)
    (function_definition name: (name) @def)
    (method_declaration name: (name) @def)`,
  rust: `
    (struct_item name: (type_identifier) @def)
    (enum_item name: (type_identifier) @def)
    (union_item name: (type_identifier) @def)
    (trait_item name: (type_identifier) @def)
    (type_item name: (type_identifier) @def)
    (function_item name: (identifier) @def)
    (function_signature_item name: (identifier) @def)`,
};

function typescriptQuery(typeName: string): string {
  return `
    (class_declaration name: (${typeName}) @def)
    (abstract_class_declaration name: (${typeName}) @def)
    (interface_declaration name: (${typeName}) @def)
    (type_alias_declaration name: (${typeName}) @def)
    (enum_declaration name: (identifier) @def)
    (function_declaration name: (identifier) @def)
    (generator_function_declaration name: (identifier) @def)
    (function_signature name: (identifier) @def)
    (method_definition name: (property_identifier) @def)
    (abstract_method_signature name: (property_identifier) @def)
    (program (lexical_declaration (variable_declarator name: (identifier) @def)))
    (program (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @def))))`;
}

/** Definitions sit near the top of a tree (module, namespace, class, method); deeper starts are not searched. */
export const DEFINITION_MAX_DEPTH = 8;

/**
 * Languages whose grammar @vscode/tree-sitter-wasm 0.3.1 does not ship (Swift, Kotlin, Dart): their type and
 * function names are read with patterns, line by line. Group 1 is the name.
 */
export const DEFINITION_PATTERNS: Readonly<Record<string, readonly RegExp[]>> = {
  swift: [
    /^[ \t]*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|open|final|indirect)\s+)*(?:class|struct|enum|protocol|actor|typealias)\s+([A-Za-z_]\w*)/gm,
    /^[ \t]*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|open|final|static|class|override|mutating|nonisolated)\s+)*func\s+([A-Za-z_]\w*)/gm,
  ],
  kotlin: [
    /^[ \t]*(?:(?:public|private|internal|protected|open|abstract|sealed|data|enum|annotation|inner|value|inline)\s+)*(?:class|interface|object|typealias)\s+([A-Za-z_]\w*)/gm,
    /^[ \t]*(?:(?:public|private|internal|protected|open|abstract|override|suspend|inline|operator|infix|tailrec)\s+)*fun\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?([A-Za-z_]\w*)\s*\(/gm,
  ],
  dart: [
    /^[ \t]*(?:abstract\s+|sealed\s+|base\s+|final\s+|interface\s+)*(?:class|mixin|enum|extension|typedef)\s+([A-Za-z_]\w*)/gm,
  ],
};

/** Grammar file names in @vscode/tree-sitter-wasm: `wasm/tree-sitter-<name>.wasm`. */
export const GRAMMARS: readonly string[] = Object.keys(DEFINITION_QUERIES);
