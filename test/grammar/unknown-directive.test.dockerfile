# SYNTAX TEST "source.dockerfile" "an unknown directive is a comment and ends the directives"
# foo=bar
# <- comment.line.number-sign.dockerfile - meta.directives.dockerfile
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile - meta.preprocessor.directive.dockerfile
FROM scratch
