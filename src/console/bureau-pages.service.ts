import { Injectable } from '@nestjs/common';
import { can } from '../auth/policy/policy';
import type { Principal } from '../auth/roles';
import type { BureauLevel } from '../organisation/bureau-catalog';
import { OrganisationService } from '../organisation/organisation.service';
import type { BureauView } from '../organisation/organisation.types';
import type { DetailModel, DirectoryModel, TreeNode } from './bureau-pages.model';

const SEARCH_LIMIT = 50;

/** An ancestor is linked only when its page would open: the directory's rule, contacts.view, on that bureau. */
const linkable = (p: Principal, a: Pick<BureauView, 'path'>) =>
  can(p, 'contacts.view', { bureauPath: a.path });

/** Composes the organisation directory (OrganisationService, which enforces scope) into what the pages show. */
@Injectable()
export class BureauPagesService {
  constructor(private readonly org: OrganisationService) {}

  /**
   * A bureau with its children and, for each child, the number of its own children: one subtree query of depth 2
   * instead of one query per child.
   */
  private async level(p: Principal, code: string): Promise<{ self: BureauView; children: TreeNode[] }> {
    const rows = await this.org.subtree(p, code, { maxDepth: 2 });
    const counts = new Map<string, number>();
    for (const r of rows) if (r.parentCode) counts.set(r.parentCode, (counts.get(r.parentCode) ?? 0) + 1);
    const self = rows.find((r) => r.code === code) ?? (await this.org.get(p, code));
    const children = rows
      .filter((r) => r.parentCode === code)
      .map((b) => ({ bureau: b, childCount: counts.get(b.code) ?? 0, children: null }));
    return { self, children };
  }

  async directory(
    p: Principal,
    opts: { q: string; level: BureauLevel | null; open: string | null },
  ): Promise<DirectoryModel> {
    // The chain of expanded nodes: the scope root, the in-scope ancestors of `open`, and `open` itself.
    let chain = [p.bureauCode];
    if (opts.open && opts.open !== p.bureauCode) {
      // 404 unknown / 403 outside the scope, shown as an error page.
      const { ancestors } = await this.org.get(p, opts.open);
      chain = [
        ...ancestors.filter((a) => linkable(p, a) && a.code !== opts.open).map((a) => a.code),
        opts.open,
      ];
    }
    const levels = await Promise.all(chain.map((code) => this.level(p, code)));
    const root: TreeNode = {
      bureau: levels[0].self,
      childCount: levels[0].children.length,
      children: levels[0].children,
    };
    let node = root;
    for (let i = 1; i < levels.length; i++) {
      const next = node.children?.find((c) => c.bureau.code === chain[i]);
      if (!next) break;
      next.children = levels[i].children;
      node = next;
    }
    const q = opts.q.trim();
    const results = q
      ? await this.org.search(p, q, { limit: SEARCH_LIMIT, level: opts.level ?? undefined })
      : null;
    return {
      root,
      openCode: chain.length > 1 ? chain[chain.length - 1] : null,
      q,
      level: opts.level,
      results,
    };
  }

  async detail(p: Principal, code: string): Promise<DetailModel> {
    const bureau = await this.org.get(p, code); // throws 404 / 403 before anything else is read
    const { children } = await this.level(p, code);
    return {
      bureau,
      visibleAncestorCodes: new Set(bureau.ancestors.filter((a) => linkable(p, a)).map((a) => a.code)),
      children: children.map((c) => ({ bureau: c.bureau, childCount: c.childCount })),
    };
  }
}
