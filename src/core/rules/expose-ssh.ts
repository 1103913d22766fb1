import type { Rule } from '../rule';
import type { Finding } from '../types';

/** `22`, `22/tcp`, or a range like `20-30/tcp` that holds 22. */
function exposesSsh(port: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(port);
  if (!m || m[3]?.toLowerCase() === 'udp' || m[3]?.toLowerCase() === 'sctp') return false;
  const low = Number(m[1]);
  const high = m[2] ? Number(m[2]) : low;
  return low <= 22 && 22 <= high;
}

export const exposeSsh: Rule = {
  id: 'expose-ssh',
  aliases: { trivy: ['DS-0004'] },
  defaultLevel: 'warning',
  title: 'EXPOSE 22: an SSH server in a container',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const arg of instr.args) {
        if (!exposesSsh(arg.value.replace(/^["']|["']$/g, ''))) continue;
        findings.push({
          range: arg.range,
          message:
            'Port 22 means an SSH server in the container: use `docker exec` (or `kubectl exec`) to get a shell instead.',
        });
      }
    }
    return findings;
  },
};
