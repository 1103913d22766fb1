// The runtime image that matches a build image: what minimal-base-image and prefer-multi-stage offer.
import { shortName, type ImageRef } from '../../dockerfile/imageRef';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { stageChain } from './baseImage';

export const GO_RUNTIME = 'gcr.io/distroless/static-debian12';

export function isDotnetSdk(ref: ImageRef): boolean {
  return ref.domain === 'mcr.microsoft.com' && ref.path === 'dotnet/sdk';
}

/** `mcr.microsoft.com/dotnet/sdk:8.0.100-alpine` → aspnet and runtime `:8.0-alpine`, the web one first when `web`. */
export function dotnetRuntimes(sdk: ImageRef, web: boolean): string[] {
  const tag = sdk.tag ? `:${sdk.tag.replace(/^(\d+\.\d+)(?:\.\d+(?:-\d+)?)?/, '$1')}` : '';
  const images = ['aspnet', 'runtime'].map((r) => `mcr.microsoft.com/dotnet/${r}${tag}`);
  return web ? images : images.reverse();
}

/** The JRE of the JDK a maven, gradle or openjdk tag names (21 when it names none). */
export function jreFor(ref: ImageRef): string {
  const tag = (ref.tag ?? '').toLowerCase();
  const jdk =
    /(?:jdk-?|temurin-|^)(\d+)/.exec(shortName(ref) === 'openjdk' ? tag : tag.replace(/^[\d.]+-?/, ''))?.[1] ?? '21';
  return `eclipse-temurin:${jdk}-jre`;
}

/** `node:20` → `node:20-slim`, `debian` → `debian:stable-slim`; alpine and slim tags stay as they are. */
export function slimVariant(ref: ImageRef): string {
  const name = shortName(ref);
  const tag = ref.tag ?? '';
  if (/(^|-)(slim|alpine)/.test(tag)) return `${ref.name}:${tag}`;
  if (!tag || tag === 'latest') return `${ref.name}:${name === 'debian' ? 'stable-slim' : 'slim'}`;
  return `${ref.name}:${tag}-slim`;
}

/** ASP.NET rather than the plain runtime: the image serves a port or configures ASP.NET Core. */
export function servesWeb(model: DockerfileModel, stage: Stage): boolean {
  return stageChain(model, stage).some((s) =>
    s.instructions.some((i) => i.keyword === 'EXPOSE' || /ASPNETCORE/.test(i.argsText)),
  );
}
