declare module 'mvdan-sh' {
  // GopherJS bindings: the AST is untyped JavaScript objects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export const syntax: any;
}
