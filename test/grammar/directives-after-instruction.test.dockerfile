# SYNTAX TEST "source.dockerfile" "a directive after the first instruction is a comment"
FROM alpine:3.20
# <- keyword.other.special-method.dockerfile
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile - meta.preprocessor.directive.dockerfile
#  ^^^^^ - keyword.control.directive.dockerfile
