"""Reading files people upload, within bounds set before the reading starts.

A spreadsheet (a chronology) or a document (a report, a body map) comes from another
agency's computer and is read by this service: every parse is bounded before it starts
(the file's size and, for an archive, the sizes its parts declare) and while it runs
(rows, columns, characters in a cell), and runs in a child process with its own memory
and CPU limits (`sandbox`), so a file built to exhaust its reader takes down only that
child, never the web worker serving other people's pages (docs/adr/0020)."""
