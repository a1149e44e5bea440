import { Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../core/auth/access.decorator';
import { Permission as P } from '../../core/auth/permissions';
import { roleHas } from '../../core/auth/roles';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { RECORD_TYPES } from '../../modules/record-types';
import { WebPages } from '../render/web-pages.service';
import { WebController } from '../web-controller.decorator';

interface Section {
  title: string;
  text?: string;
  links: { text: string; href: string; permission: P; centralOnly?: boolean }[];
}

type Link = Section['links'][number];
const article = (s: string) => (/^[aeiou]/i.test(s) ? 'an' : 'a');

/** A record type's home-page links, as its description asks: its list, and perhaps "Add a …". */
const recordLinks = (section: string): Link[] =>
  RECORD_TYPES.filter((t) => t.pages.home.section === section).flatMap((t) => [
    { text: t.pages.home.text ?? t.labels.plural, href: `/${t.path}`, permission: t.permissions.read },
    ...(t.pages.home.add ? [{ text: `Add ${article(t.labels.singular)} ${t.labels.singular}`, href: `/${t.path}/new`, permission: t.permissions.write }] : []),
  ]);

const SECTIONS: Section[] = [
  {
    title: 'A week of action',
    text: 'Start from the operation, then each warrant: its page leads to adding its arrests, exhibits and safeguarding visits.',
    links: recordLinks('A week of action'),
  },
  { title: 'Records', links: recordLinks('Records') },
  {
    title: 'Weekly returns',
    links: [
      { text: "Last week's return", href: '/weekly-returns', permission: P.WeeklyReturnRead },
      { text: 'Force-wide summary', href: '/weekly-returns/summary', permission: P.WeeklyReturnRead, centralOnly: true },
    ],
  },
  {
    title: 'Audit',
    text: 'Who viewed or changed what, and whether the log is intact.',
    links: [
      { text: 'Search the audit log', href: '/audit', permission: P.AuditRead },
      { text: "A record's access history", href: '/audit/history', permission: P.AuditRead },
      { text: 'Verify the chain', href: '/audit/verify', permission: P.AuditVerify },
      { text: 'Export the log', href: '/audit/export', permission: P.AuditExport },
    ],
  },
  {
    title: 'Administration',
    links: [
      { text: 'Units', href: '/units', permission: P.UnitRead },
      { text: 'Users', href: '/users', permission: P.UserRead },
      { text: 'Add a user', href: '/users/new', permission: P.UserWrite },
    ],
  },
];

@WebController()
export class HomeController {
  constructor(private readonly pages: WebPages) {}

  @Get()
  @Allow(P.SessionRead)
  home(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    const actor = ctx.requireActor();
    const sections = SECTIONS.map((s) => ({
      ...s,
      links: s.links.filter((l) => roleHas(actor.role, l.permission) && (!l.centralOnly || actor.central)),
    })).filter((s) => s.links.length);
    return this.pages.render(reply, 'home', { title: 'Home', sections });
  }
}
