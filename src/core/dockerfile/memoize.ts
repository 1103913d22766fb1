// dockerfile-ast splits an instruction's arguments anew on every getArguments() call, and calls it
// itself several times per instruction while parsing (JSON forms, flags, heredocs, FROM's image):
// that was 65% of its parse time. An instruction never changes once built, so the split is kept
// on the instance. Installed once, on import, before any parse.
import { Argument, Instruction } from 'dockerfile-ast';
import type { Range } from '../types';

const KEPT = Symbol('dockwright.rawArguments');

interface WithRawArguments {
  getRawArguments(): Argument[];
  [KEPT]?: Argument[];
}

/**
 * Fresh objects each time, as before: the library edits what it gets (ModifiableInstruction
 * shifts the flags off the array, From.getImageNameRange() moves its argument's range).
 */
function copy(args: readonly Argument[]): Argument[] {
  return args.map((a) => {
    const r: Range = a.getRange();
    return new Argument(a.getValue(), { start: { ...r.start }, end: { ...r.end } });
  });
}

const proto = Instruction.prototype as unknown as WithRawArguments;
const original = proto.getRawArguments;
if (typeof original === 'function') {
  proto.getRawArguments = function (this: WithRawArguments) {
    return copy((this[KEPT] ??= original.call(this)));
  };
}
