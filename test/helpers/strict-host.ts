import ts from 'typescript'

/** A strict TypeScript host's compiler options (NodeNext), the package's entry points mapped by `paths`. */
export const strictHostOptions = (root: string, paths: Record<string, string[]>): ts.CompilerOptions => ({
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  types: ['node'],
  baseUrl: root,
  paths,
  jsx: ts.JsxEmit.React,
})
