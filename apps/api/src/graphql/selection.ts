import { type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects `path` (field names, aliases ignored) below the field being
 * resolved, through inline fragments and fragment spreads. `@skip`/`@include` are not
 * evaluated, so `true` means "may be selected": use it to read ahead, never to decide what
 * a caller may see.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some(
    (node) => node.selectionSet !== undefined && selects(node.selectionSet, path, 0, info.fragments),
  );
}

function selects(
  set: SelectionSetNode,
  path: readonly string[],
  at: number,
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== path[at]) continue;
      if (at === path.length - 1) return true;
      if (selection.selectionSet && selects(selection.selectionSet, path, at + 1, fragments)) return true;
    } else {
      // Fragment cycles never reach execution (graphql-js's NoFragmentCycles rule).
      const inner =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : fragments[selection.name.value]?.selectionSet;
      if (inner && selects(inner, path, at, fragments)) return true;
    }
  }
  return false;
}
