// `dockwright lint`: the rules engine on the command line, for CI.
console.error('dockwright: not implemented yet');
process.exitCode = 2;
