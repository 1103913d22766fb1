// Variables that base images set in their config, so that `ENV GOBIN=$GOPATH/bin` on a golang
// base is not reported as undefined. Known images only: for any other image nothing can be
// said about its ENV, and undefined-var then reports only names the Dockerfile itself declares
// somewhere out of scope.
import { shortName, type ImageRef } from '../../dockerfile/imageRef';

/** Every image's config sets PATH; the builder adds it when a base has none. */
export const ALWAYS_SET = ['PATH'];

const LANG = ['LANG'];
const JAVA = ['JAVA_HOME', 'JAVA_VERSION', 'LANG', 'LANGUAGE', 'LC_ALL'];
const DOTNET = [
  'APP_UID',
  'ASPNETCORE_HTTP_PORTS',
  'ASPNETCORE_URLS',
  'DOTNET_RUNNING_IN_CONTAINER',
  'DOTNET_VERSION',
  'ASPNET_VERSION',
  'DOTNET_SDK_VERSION',
  'DOTNET_USE_POLLING_FILE_WATCHER',
  'DOTNET_GENERATE_ASPNET_CERTIFICATE',
  'DOTNET_NOLOGO',
  'NUGET_XMLDOC_MODE',
  'POWERSHELL_DISTRIBUTION_CHANNEL',
  'DOTNET_SYSTEM_GLOBALIZATION_INVARIANT',
];

/** By the image's last path component (docker.io official images) or its full path. */
const KNOWN: Record<string, readonly string[]> = {
  // plain distributions: nothing but PATH (and distroless's certificate path)
  alpine: [],
  debian: [],
  ubuntu: [],
  busybox: [],
  centos: [],
  fedora: [],
  rockylinux: [],
  almalinux: [],
  amazonlinux: [],
  archlinux: [],
  'opensuse/leap': [],
  'distroless/static': ['SSL_CERT_FILE'],
  'distroless/base': ['SSL_CERT_FILE'],
  golang: ['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN'],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  python: [
    'PYTHON_VERSION',
    'PYTHON_SHA256',
    'GPG_KEY',
    'PYTHON_PIP_VERSION',
    'PYTHON_SETUPTOOLS_VERSION',
    'PYTHON_GET_PIP_URL',
    'PYTHON_GET_PIP_SHA256',
    ...LANG,
  ],
  ruby: [
    'RUBY_VERSION',
    'RUBY_MAJOR',
    'RUBY_DOWNLOAD_SHA256',
    'RUBY_DOWNLOAD_URL',
    'GEM_HOME',
    'BUNDLE_SILENCE_ROOT_WARNING',
    'BUNDLE_APP_CONFIG',
    ...LANG,
  ],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  php: [
    'PHP_INI_DIR',
    'PHP_VERSION',
    'PHP_URL',
    'PHP_ASC_URL',
    'PHP_SHA256',
    'PHPIZE_DEPS',
    'PHP_CFLAGS',
    'PHP_CPPFLAGS',
    'PHP_LDFLAGS',
    'GPG_KEYS',
  ],
  openjdk: JAVA,
  'eclipse-temurin': JAVA,
  amazoncorretto: JAVA,
  maven: ['MAVEN_HOME', 'MAVEN_CONFIG', ...JAVA],
  gradle: ['GRADLE_HOME', 'GRADLE_VERSION', ...JAVA],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
  postgres: ['PGDATA', 'PG_MAJOR', 'PG_VERSION', 'GOSU_VERSION', ...LANG],
  docker: ['DOCKER_VERSION', 'DOCKER_TLS_CERTDIR', 'DOCKER_BUILDX_VERSION', 'DOCKER_COMPOSE_VERSION'],
  'dotnet/sdk': DOTNET,
  'dotnet/aspnet': DOTNET,
  'dotnet/runtime': DOTNET,
  'dotnet/runtime-deps': DOTNET,
};

/** The variables the image is known to set, or undefined when the image is not known. */
export function baseImageEnv(ref: ImageRef): readonly string[] | undefined {
  const lastTwo = ref.path.split('/').slice(-2).join('/');
  const official = ref.domain === 'docker.io' && ref.path.startsWith('library/') ? shortName(ref) : undefined;
  // `gcr.io/distroless/static-debian12` is a distroless/static.
  for (const key of [official, lastTwo, lastTwo.replace(/-[^/]*$/, '')]) {
    const known = key !== undefined && Object.hasOwn(KNOWN, key) ? KNOWN[key] : undefined;
    if (known) return [...ALWAYS_SET, ...known];
  }
  return undefined;
}
