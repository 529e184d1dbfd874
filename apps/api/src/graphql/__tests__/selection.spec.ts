import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, parse } from 'graphql';
import { selectsPath } from '../selection';

/** The resolve info of the operation's first root field, as far as selectsPath reads it. */
function infoOf(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let root: FieldNode | undefined;
  for (const definition of parsed.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    if (definition.kind === Kind.OPERATION_DEFINITION)
      root = definition.selectionSet.selections[0] as FieldNode;
  }
  return { fieldNodes: [root!], fragments } as unknown as GraphQLResolveInfo;
}

const TIER = ['edges', 'node', 'tier'];

describe('selectsPath', () => {
  it('finds a field by its path, whatever its alias', () => {
    expect(selectsPath(infoOf('{ customers { edges { node { id tier { name } } } } }'), TIER)).toBe(true);
    expect(selectsPath(infoOf('{ customers { edges { n: node { t: tier { name } } } } }'), TIER)).toBe(true);
  });

  it('does not find a field selected elsewhere or not at all', () => {
    expect(selectsPath(infoOf('{ customers { edges { node { id score } } } }'), TIER)).toBe(false);
    expect(selectsPath(infoOf('{ customers { edges { node { lock { tier { id } } } } } }'), TIER)).toBe(
      false,
    );
    expect(selectsPath(infoOf('{ customers { totalCount } }'), TIER)).toBe(false);
  });

  it('looks through inline fragments and fragment spreads at any level', () => {
    expect(
      selectsPath(
        infoOf(
          '{ customers { ...Page } } fragment Page on CustomerConnection { edges { ...E } } fragment E on CustomerEdge { node { ... on Customer { tier { id } } } }',
        ),
        TIER,
      ),
    ).toBe(true);
  });
});
