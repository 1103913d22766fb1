export function ruleDocUrl(id: string): string { return `https://github.com/dockwright/dockwright/blob/main/docs/rules.md#${id}`; }
