# SYNTAX TEST "source.dockerfile" "parser directives: only at the top of the file, before any other line"
# syntax=docker/dockerfile:1
# <- meta.directives.dockerfile meta.preprocessor.directive.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ keyword.control.directive.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#escape=`
# <- punctuation.definition.directive.dockerfile
#^^^^^^ keyword.control.directive.dockerfile
#       ^ string.unquoted.directive-value.dockerfile
#  CHECK = skip=JSONArgsRecommended;error=true
#  ^^^^^ keyword.control.directive.dockerfile
#        ^ keyword.operator.assignment.dockerfile
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
# a plain comment ends the directives
# <- comment.line.number-sign.dockerfile - meta.directives.dockerfile
# syntax=docker/dockerfile:1.7
# <- comment.line.number-sign.dockerfile - meta.preprocessor.directive.dockerfile
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - keyword.control.directive.dockerfile
FROM alpine:3.20
# <- keyword.other.special-method.dockerfile - meta.directives.dockerfile
