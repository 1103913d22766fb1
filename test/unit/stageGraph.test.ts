import assert from 'node:assert/strict';
import { parseDockerfile } from '../../src/core/dockerfile/model';
import { stageGraph } from '../../src/core/dockerfile/stageGraph';

describe('stageGraph (unit)', () => {
  it('lists stages with their bases and the stages they use through FROM, COPY --from and RUN --mount from=', () => {
    const text = [
      'FROM golang:1.22 AS Build',
      'RUN go build -o /app .',
      'FROM node:20 AS web',
      'FROM build AS test',
      'RUN --mount=type=bind,from=web,target=/w true',
      'FROM scratch',
      'COPY --from=build /app /app',
      'COPY --from=0 /etc/passwd /etc/passwd',
      'COPY --from=nginx:1 /etc/nginx /etc/nginx',
    ].join('\n');
    const graph = stageGraph(parseDockerfile(text));
    assert.deepEqual(
      graph.map((s) => [s.label, s.target, s.base, s.dependsOn, s.line]),
      [
        ['build', 'build', 'golang:1.22', [], 0],
        ['web', 'web', 'node:20', [], 2],
        ['test', 'test', 'build', [0, 1], 3],
        ['3', undefined, 'scratch', [0], 5],
      ],
    );
  });
});
