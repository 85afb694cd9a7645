"""The load tests' own code (`make bench`, docs/performance.md): the data generator, the
service with the audit chain bypassed, and the commands that measure. It sits beside the
service, not in it: nothing under casereviews/ imports it and the service's settings do
not install it."""
