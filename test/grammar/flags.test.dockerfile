# SYNTAX TEST "source.dockerfile" "instruction flags, --mount options, and options of commands that are not flags"
FROM --platform=$BUILDPLATFORM golang:1.24 AS build
# <- keyword.other.special-method.dockerfile
#    ^^^^^^^^^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile
#              ^ keyword.operator.assignment.dockerfile
#               ^ string.unquoted.flag-value.dockerfile variable.other.dockerfile punctuation.definition.variable.dockerfile
#                ^^^^^^^^^^^^^ string.unquoted.flag-value.dockerfile variable.other.dockerfile
#                                          ^^ keyword.other.special-method.dockerfile
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
# <- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#   ^^^^^^^ meta.flag.mount.dockerfile entity.other.attribute-name.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^ variable.parameter.mount-option.dockerfile
#                ^^^^^ support.constant.mount-type.dockerfile
#                     ^ punctuation.separator.mount-option.dockerfile
#                      ^^^^^^ variable.parameter.mount-option.dockerfile
#                             ^^^^^^^^^^^^^^ string.unquoted.mount-value.dockerfile
#                                            ^^^^^^^ variable.parameter.mount-option.dockerfile
#                                                    ^^^^^^ string.unquoted.mount-value.dockerfile
#                                                           ^ punctuation.separator.continuation.line.dockerfile
    --mount=type=secret,id=npmrc,target=/root/.npmrc,required=true \
#   ^^^^^^^ meta.instruction.run.dockerfile entity.other.attribute-name.flag.dockerfile
#                ^^^^^^ support.constant.mount-type.dockerfile
#                       ^^ variable.parameter.mount-option.dockerfile
#                          ^^^^^ string.unquoted.mount-value.dockerfile
    --network=none --security=insecure \
#   ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#             ^^^^ string.unquoted.flag-value.dockerfile
#                  ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
    apt-get install -y --no-install-recommends curl
#   ^^^^^^^ - meta.instruction.run.dockerfile
#                      ^^^^^^^^^^^^^^^^^^^^^^^ - entity.other.attribute-name.flag.dockerfile
RUN npm ci --omit=dev
#          ^^^^^^^^^^ - entity.other.attribute-name.flag.dockerfile meta.flag.dockerfile
run --mount=type=ssh git clone git@example.com:org/repo.git
# <- keyword.other.special-method.dockerfile
#   ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                ^^^ support.constant.mount-type.dockerfile
#                    ^^^^^^^^^ - entity.other.attribute-name.flag.dockerfile
COPY --from=build --chown=app:app --chmod=0755 --link /out/app /usr/local/bin/app
# <- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#    ^^^^^^ entity.other.attribute-name.flag.dockerfile
#           ^^^^^ string.unquoted.flag-value.dockerfile
#                 ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                         ^^^^^^^ string.unquoted.flag-value.dockerfile
#                                 ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                              ^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                     ^^^^^^^^ - entity.other.attribute-name.flag.dockerfile meta.instruction.copy.dockerfile
COPY --parents --exclude=*.md --chown=${UID}:${GID} ./docs/ /srv/
#    ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#              ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                        ^^^^ string.unquoted.flag-value.dockerfile
#                                     ^^^^^^ variable.other.dockerfile
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /a/
#   ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.10.1 /buildkit
#   ^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
ONBUILD RUN --mount=type=cache,target=/root/.npm npm ci
# <- keyword.control.dockerfile
#       ^^^ keyword.other.special-method.dockerfile
#           ^^^^^^^ entity.other.attribute-name.flag.dockerfile
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 \
# <- meta.instruction.healthcheck.dockerfile keyword.other.special-method.dockerfile
#           ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                      ^^^ string.unquoted.flag-value.dockerfile
#                          ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                       ^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                         ^^^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                             ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
    CMD wget -qO /dev/null http://localhost:8080/healthz || exit 1
#   ^^^ keyword.other.special-method.dockerfile
#       ^^^^^^^^ - entity.other.attribute-name.flag.dockerfile
HEALTHCHECK NONE
#           ^^^^ keyword.other.special-method.dockerfile
FROM alpine:3.20 AS runtime
# <- keyword.other.special-method.dockerfile - meta.flag.dockerfile
#                ^^ keyword.other.special-method.dockerfile
ENV PATH="/venv/bin:$PATH"
# <- keyword.other.special-method.dockerfile
#        ^ string.quoted.double.dockerfile
