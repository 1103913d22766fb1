// Rule metadata: each alias belongs to a peer and has that peer's shape; settings and ignore
// comments resolve it to the rule.
import assert from 'node:assert/strict';
import { resolveRuleId } from '../../src/core/lint/config';
import { aliasesOf, PEERS } from '../../src/core/rule';
import { allRules } from '../../src/core/rules';

/** How each peer writes its ids. */
const SHAPES = {
  hadolint: /^(?:DL|SC)\d{4}$/,
  buildkit: /^[A-Z][A-Za-z]+$/,
  trivy: /^DS-\d{4}$/,
};

describe('rule metadata (unit)', () => {
  for (const rule of allRules) {
    it(`${rule.id}: aliases in their peer's shape, resolving to the rule; a default level`, () => {
      assert.deepEqual(
        Object.keys(rule.aliases).filter((peer) => !(PEERS as readonly string[]).includes(peer)),
        [],
        'an unknown peer',
      );
      for (const peer of PEERS) {
        for (const alias of rule.aliases[peer] ?? []) assert.match(alias, SHAPES[peer], `${alias} is not a ${peer} id`);
      }
      for (const alias of aliasesOf(rule)) {
        for (const spelled of [alias, alias.toLowerCase(), alias.toUpperCase()]) {
          const id = resolveRuleId(spelled);
          assert.ok(id, `${spelled} resolves to no rule`);
          assert.ok(
            aliasesOf(allRules.find((r) => r.id === id)!).includes(alias),
            `${spelled} resolves to ${id}, which does not list it`,
          );
        }
      }
      assert.equal(resolveRuleId(rule.id.toUpperCase()), rule.id);
      assert.ok(['off', 'info', 'warning', 'error'].includes(rule.defaultLevel), rule.defaultLevel);
    });
  }

  it('lists the aliases of all peers, hadolint first, then BuildKit, then Trivy', () => {
    assert.deepEqual(
      aliasesOf({ aliases: { trivy: ['DS-0009'], hadolint: ['DL3000'], buildkit: ['WorkdirRelativePath'] } }),
      ['DL3000', 'WorkdirRelativePath', 'DS-0009'],
    );
    assert.deepEqual(aliasesOf({ aliases: {} }), []);
  });
});
