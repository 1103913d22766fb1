// podman (buildah) build output, on stdout, with errors on stderr:
//
//   [2/4] STEP 3/4: COPY app.txt .     stage 2 of 4 (no prefix with one stage), its 3rd instruction of 4
//   <the RUN's output, unprefixed>
//   --> Using cache 9f3aa0b9…          the step came from cache
//   --> e67a3af210c                    the step's layer is committed
//   [4/4] COMMIT localhost/app:1
//   Error: building at STEP "RUN exit 3": while running runtime: exit status 3
//
// podman counts every instruction (ARG and CMD too) and numbers stages in the file's order, so
// a step maps straight to `stages[i-1].instructions[k-1]`.
import type { LineParser } from './lines';
import type { BuildProgress, BuildStep } from './steps';

const STEP = /^(?:\[(\d+)\/(\d+)\] )?STEP (\d+)\/(\d+): ([\s\S]*)$/;
// The RUN's last line may lack a line break and run into the arrow: `done--> 5397875265c`.
const ARROW = /^([\s\S]*?)--> (Using cache )?[0-9a-f]{11,64}$/;
const COMMIT = /^(?:\[\d+\/\d+\] )?COMMIT\b/;
// The image id podman prints last.
const IMAGE_ID = /^[0-9a-f]{64}$/;
const ERROR = /^Error: (?:error )?(?:building at STEP "[\s\S]*?": )?([\s\S]*)$/;

export class PodmanProgressParser implements LineParser {
  /**
   * Steps started and not yet committed, oldest first. Stages build side by side, so a stage's
   * step waits here (a COPY --from waiting for its stage) while another stage prints; unprefixed
   * lines belong to the step started last.
   */
  private running: { stage: number; step: BuildStep }[] = [];

  constructor(private readonly progress: BuildProgress) {}

  end(exitCode?: number): void {
    for (const { step } of this.running) this.progress.finish(step, exitCode ? 'error' : 'done');
    this.running = [];
    this.progress.end(exitCode);
  }

  line(line: string): void {
    const step = STEP.exec(line);
    if (step) return this.startStep(step);
    const arrow = ARROW.exec(line);
    if (arrow) {
      if (arrow[1]) this.log(arrow[1]);
      const last = this.running.pop();
      if (last) this.progress.finish(last.step, arrow[2] ? 'cached' : 'done');
      return;
    }
    if (COMMIT.test(line) || IMAGE_ID.test(line)) return this.finishWhere(() => true);
    const error = ERROR.exec(line);
    if (error) {
      const last = this.running.pop();
      if (last) this.progress.finish(last.step, 'error', undefined, error[1]);
      this.progress.setErrorMessage(error[1]);
      return;
    }
    this.log(line);
  }

  private log(text: string): void {
    const last = this.running.at(-1);
    if (last) this.progress.log(last.step, text);
  }

  /** Steps that print no arrow (FROM, CMD …) are done when the next step of their stage starts. */
  private finishWhere(test: (stage: number) => boolean): void {
    for (const r of this.running) if (test(r.stage)) this.progress.finish(r.step, 'done');
    this.running = this.running.filter((r) => !test(r.stage));
  }

  private startStep([, stageNo, , index, total, instruction]: RegExpExecArray): void {
    const stageIndex = stageNo ? Number(stageNo) - 1 : 0;
    this.finishWhere((stage) => stage === stageIndex);
    const stage = this.progress.dockerfile?.stages[stageIndex];
    const stageName = stage?.name ?? / AS (\S+)$/i.exec(instruction)?.[1] ?? `stage-${stageIndex}`;
    const name = `[${stageName} ${index}/${total}] ${instruction}`;
    const step = this.progress.step(
      `podman:${stageIndex}:${index}`,
      name,
      stage?.instructions[Number(index) - 1] ?? null,
    );
    this.running.push({ stage: stageIndex, step });
  }
}
