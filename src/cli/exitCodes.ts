// Every command's exit codes: 0 clean, 1 findings (or an image over its budget), 2 trouble (a usage
// error, an unreadable file, an engine or image that is not there).
export const EXIT = { clean: 0, findings: 1, trouble: 2 } as const;
