# SYNTAX TEST "source.dockerfile" "heredocs: RUN bodies are shell, COPY bodies are text; the terminator ends them"
RUN <<EOF
# <- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#   ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ entity.name.tag.heredoc.dockerfile
set -eux
# <- meta.heredoc.dockerfile meta.embedded.block.shell support.function.builtin.shell
apt-get update && apt-get install -y --no-install-recommends curl
#              ^^ meta.embedded.block.shell punctuation.separator.statement.and.shell
echo "home: $HOME" | tee /tmp/out
#    ^ meta.embedded.block.shell string.quoted.double.shell punctuation.definition.string.begin.shell
#           ^ meta.embedded.block.shell punctuation.definition.variable.shell
#                  ^ meta.embedded.block.shell keyword.operator.pipe.shell
EOF
# <- meta.heredoc.dockerfile entity.name.tag.heredoc.dockerfile - meta.embedded.block.shell
FROM alpine:3.20
# <- keyword.other.special-method.dockerfile - meta.heredoc.dockerfile meta.instruction.run.dockerfile
RUN --mount=type=secret,id=token,env=TOKEN <<'SCRIPT' bash
#   ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                          ^^ keyword.operator.heredoc.dockerfile
#                                            ^ punctuation.definition.string.begin.heredoc.dockerfile
#                                             ^^^^^^ entity.name.tag.heredoc.dockerfile
#                                                   ^ punctuation.definition.string.end.heredoc.dockerfile
#                                                     ^^^^ meta.embedded.line.shell
curl -H "Authorization: Bearer $TOKEN" https://example.com
# <- meta.embedded.block.shell entity.name.command.shell
EOF
# <- meta.embedded.block.shell - entity.name.tag.heredoc.dockerfile
SCRIPT
# <- entity.name.tag.heredoc.dockerfile
RUN python3 <<EOT
#           ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#             ^^^ entity.name.tag.heredoc.dockerfile
print("hi")
# <- meta.embedded.block.shell
EOT
# <- entity.name.tag.heredoc.dockerfile
RUN <<-EOF
#   ^^^ keyword.operator.heredoc.dockerfile
	echo tab-indented
#	^^^^ meta.embedded.block.shell
	EOF
#	^^^ entity.name.tag.heredoc.dockerfile
COPY --chmod=0755 <<"EOF" /usr/local/bin/docker-entrypoint.sh
# <- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#    ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                 ^^ keyword.operator.heredoc.dockerfile
#                    ^^^ entity.name.tag.heredoc.dockerfile
#                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ - string.unquoted.heredoc.dockerfile
#!/bin/sh
# <- string.unquoted.heredoc.dockerfile - comment.line.number-sign.dockerfile meta.embedded.block.shell
exec "$@"
# <- string.unquoted.heredoc.dockerfile - meta.embedded.block.shell
EOF
# <- entity.name.tag.heredoc.dockerfile
COPY <<EOF /etc/app.conf
#    ^^ keyword.operator.heredoc.dockerfile
port = ${PORT}
# <- string.unquoted.heredoc.dockerfile
EOF
# <- entity.name.tag.heredoc.dockerfile
USER app
# <- keyword.other.special-method.dockerfile - meta.heredoc.dockerfile meta.instruction.copy.dockerfile
