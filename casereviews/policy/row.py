"""Deciding a scope for one object from the object's own row, without asking the database
again (docs/adr/0018-per-request-answers-and-session-writes.md, added on 1 December).

A scope is a queryset; whether one object is in it is the question `may` asks. Most of
the conditions in a scope name the object's own columns (its status, its board, its
notifier), and for those the answer follows from the row as read. `decide` walks the
scope's conditions as Django has built them and answers only when every condition that
matters is one it can evaluate exactly as the database would, SQL's NULL included;
otherwise it answers `None` and the caller asks the database. It never guesses: a
condition over another table, a subquery or an expression leaves it undecided, unless
the rest of the conditions decide without it (an OR with a true branch, an AND with a
false one).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from django.db.models import Model
from django.db.models.expressions import Col
from django.db.models.lookups import Exact, In, IsNull, Lookup
from django.db.models.sql.constants import INNER
from django.db.models.sql.query import Query
from django.db.models.sql.where import AND, OR, XOR, NothingNode, WhereNode


class _Truth(Enum):
    """SQL's three truth values, and a fourth for a condition not evaluated here."""

    TRUE = "true"
    FALSE = "false"
    NULL = "null"  # SQL's unknown: a comparison with NULL
    UNDECIDED = "undecided"


TRUE, FALSE, NULL, UNDECIDED = _Truth.TRUE, _Truth.FALSE, _Truth.NULL, _Truth.UNDECIDED


def decide(query: Query, row: Mapping[str, Any]) -> bool | None:
    """Whether the object whose columns are `row` (by attname, as just read) is in the
    queryset `query`; `None` when that cannot be told from the row alone."""
    if query.is_sliced or query.combinator or query.group_by is not None:
        return None
    base = query.base_table
    for alias, join in query.alias_map.items():
        # An inner join may drop the object's row whatever its own columns say. (Django
        # makes a join under an OR an outer one, and a condition on a joined table is
        # left undecided anyway; this guards any other shape of query.)
        if alias != base and query.alias_refcount.get(alias) and join.join_type == INNER:
            return None
    truth = _node(query.where, base, query.model, row)
    if truth is UNDECIDED:
        return None
    return truth is TRUE


def columns(query: Query) -> set[str]:
    """The object's own columns (attnames) that the conditions of `query` name: what
    `decide` needs read from its row."""
    base, named = query.base_table, set()
    pending: list[Any] = [query.where]
    while pending:
        node = pending.pop()
        if isinstance(node, WhereNode):
            pending.extend(node.children)
        elif isinstance(node, Lookup) and isinstance(node.lhs, Col) and node.lhs.alias == base:
            named.add(node.lhs.target.attname)
    return named


def _node(node: Any, base: str | None, model: Any, row: Mapping[str, Any]) -> _Truth:
    if isinstance(node, NothingNode):
        return FALSE
    if isinstance(node, Lookup):
        return _lookup(node, base, model, row)
    if not isinstance(node, WhereNode) or node.connector == XOR:
        return UNDECIDED
    truths = [_node(child, base, model, row) for child in node.children]
    if node.connector == AND:
        truth = _all(truths)
    else:
        assert node.connector == OR
        truth = _any(truths)
    return _not(truth) if node.negated else truth


def _all(truths: list[_Truth]) -> _Truth:
    for decisive in (FALSE, UNDECIDED, NULL):
        if decisive in truths:
            return decisive
    return TRUE


def _any(truths: list[_Truth]) -> _Truth:
    for decisive in (TRUE, UNDECIDED, NULL):
        if decisive in truths:
            return decisive
    return FALSE


def _not(truth: _Truth) -> _Truth:
    return {TRUE: FALSE, FALSE: TRUE}.get(truth, truth)


def _lookup(lookup: Lookup[Any], base: str | None, model: Any, row: Mapping[str, Any]) -> _Truth:
    column = lookup.lhs
    if not (
        isinstance(column, Col)
        and column.alias == base
        and column.target.model._meta.concrete_model is model._meta.concrete_model
        and column.target.attname in row
        and lookup.rhs_is_direct_value()
    ):
        return UNDECIDED
    field = column.target
    value = row[field.attname]
    # Exactly the lookups the scopes use, and not their subclasses (iexact, a date's
    # parts…), which compare otherwise.
    kind = type(lookup).__mro__
    if IsNull in kind and lookup.lookup_name == "isnull":
        return TRUE if (value is None) is bool(lookup.rhs) else FALSE
    if value is None:
        return NULL if lookup.lookup_name in ("exact", "in") else UNDECIDED
    value = field.get_prep_value(value)
    if Exact in kind and lookup.lookup_name == "exact":
        wanted = lookup.rhs.pk if isinstance(lookup.rhs, Model) else lookup.rhs
        if wanted is None:
            return UNDECIDED
        return TRUE if value == wanted else FALSE
    if In in kind and lookup.lookup_name == "in":
        if not isinstance(lookup.rhs, list | tuple | set | frozenset):
            return UNDECIDED
        return TRUE if value in lookup.rhs else FALSE
    return UNDECIDED
