import { type Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

@ObjectType('PageInfo')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Forward pagination (`first`/`after`) as Relay defines it; pages are capped to keep cost bounded. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  // Relay clients send an explicit null on the first page: the same as no cursor.
  @Transform(({ value }: { value: unknown }) => value ?? undefined)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A count, or a lazy one (see lazyCount). */
export type TotalCount = number | PromiseLike<number>;

/**
 * A count that runs only if the query selects `totalCount`: GraphQL awaits a field's
 * thenable when it resolves that field, and never touches it otherwise — a page query
 * without totalCount costs no COUNT(*).
 */
export function lazyCount(count: () => Promise<number>): PromiseLike<number> {
  let started: Promise<number> | undefined;
  return {
    then: (onFulfilled, onRejected) => (started ??= count()).then(onFulfilled, onRejected),
  };
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: TotalCount;
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items matching the filters, across all pages.' })
    totalCount!: TotalCount;
  }
  return ConnectionClass;
}

/**
 * An edge whose cursor is encoded when read: GraphQL reads `cursor` only if the query selects
 * it, and a page of customers rarely asks for the cursor of every edge (pageInfo reads two).
 */
class LazyCursorEdge<Row, T> implements Edge<T> {
  private encoded: string | undefined;

  constructor(
    private readonly row: Row,
    private readonly cursorOf: (row: Row) => string,
    readonly node: T,
  ) {}

  get cursor(): string {
    return (this.encoded ??= this.cursorOf(this.row));
  }
}

/**
 * Turns a page fetched with `first + 1` rows into a connection: the extra row only
 * tells whether another page exists.
 */
export function toConnection<Row, T>(
  rows: Row[],
  first: number,
  totalCount: TotalCount,
  cursorOf: (row: Row) => string,
  map: (row: Row) => T,
  hasPreviousPage: boolean,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row): Edge<T> => new LazyCursorEdge(row, cursorOf, map(row)));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
