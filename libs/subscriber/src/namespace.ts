/** Moves a production subject (`sf.…`) into `namespace` (tests run in their own namespaces). */
export const inNamespace = (namespace: string | undefined, subject: string): string =>
  namespace === undefined || namespace === 'sf' ? subject : `${namespace}${subject.slice('sf'.length)}`;
