// Where each rule is explained: SARIF help URIs and the editor's diagnostic links point here.
const RULES_PAGE = 'https://github.com/dockwright/dockwright/blob/main/docs/rules.md';

/** The rule's section of docs/rules.md; its heading is `## <id>`, so GitHub's anchor is the id. */
export function ruleDocUrl(id: string): string {
  return `${RULES_PAGE}#${id}`;
}
