import nodemailer, { type Transporter } from 'nodemailer';
import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { DeliveryChannel, OutgoingNotification } from './delivery.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STRINGS = {
  es: { open: 'Abrir en Lotbook', footer: 'Recibes este correo por tus preferencias de notificación en Lotbook (Ajustes).', report: 'Informe diario' },
  en: { open: 'Open in Lotbook', footer: 'You get this email because of your notification preferences in Lotbook (Settings).', report: 'Daily report' },
} as const;

const FIGURES = {
  es: { new_leads: 'Leads nuevos', sales: 'Ventas', won: 'Leads ganados', lost: 'Leads perdidos', in_stock: 'Vehículos en stock' },
  en: { new_leads: 'New leads', sales: 'Sales', won: 'Leads won', lost: 'Leads lost', in_stock: 'Vehicles in stock' },
} as const;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The email of one notification, in the recipient's language, as plain text and HTML. */
export function renderEmail(n: Pick<OutgoingNotification, 'lang' | 'type' | 'title' | 'body' | 'link' | 'data'>, publicUrl?: string): RenderedEmail {
  const t = STRINGS[n.lang];
  const url = n.link ? (publicUrl ? new URL(n.link, publicUrl).toString() : n.link) : null;
  const figures = n.type === 'daily_report' && n.data.figures && typeof n.data.figures === 'object' ? (n.data.figures as Record<string, number>) : null;
  const labels = FIGURES[n.lang];
  const rows = figures ? Object.entries(labels).filter(([k]) => typeof figures[k] === 'number').map(([k, label]) => [label, String(figures[k])] as const) : [];
  const text = [n.title, '', n.body, ...(rows.length ? ['', ...rows.map(([l, v]) => `${l}: ${v}`)] : []), ...(url ? ['', `${t.open}: ${url}`] : []), '', '--', t.footer].join('\n');
  const html = `<!doctype html><html lang="${n.lang}"><body style="font-family:system-ui,sans-serif;color:#1a1a1a">
<h1 style="font-size:20px">${esc(n.title)}</h1>
<p>${esc(n.body)}</p>
${rows.length ? `<table>${rows.map(([l, v]) => `<tr><th style="text-align:left;padding-right:16px">${esc(l)}</th><td>${esc(v)}</td></tr>`).join('')}</table>` : ''}
${url ? `<p><a href="${esc(url)}">${esc(t.open)}</a></p>` : ''}
<p style="color:#666;font-size:12px">${esc(t.footer)}</p>
</body></html>`;
  return { subject: n.type === 'daily_report' && !n.title ? t.report : n.title, text, html };
}

/** Email through nodemailer to SMTP_URL. */
export class EmailChannel implements DeliveryChannel {
  private readonly transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly publicUrl?: string,
    private readonly log?: Logger,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(_db: Sql, n: OutgoingNotification): Promise<void> {
    const mail = renderEmail(n, this.publicUrl);
    await this.transport.sendMail({ from: this.from, to: n.email, subject: mail.subject, text: mail.text, html: mail.html });
    this.log?.debug({ notification: n.id }, 'notification emailed');
  }

  close(): void {
    this.transport.close();
  }
}
