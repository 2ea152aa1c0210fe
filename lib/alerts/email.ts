// An alert as an email: a subject that says what happened, a plain-text body and the same in simple HTML.
import type { AlertMessage } from "./model";

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export function emailContent(alerts: readonly AlertMessage[]): EmailContent {
  const first = alerts[0];
  const subject =
    alerts.length > 1
      ? `[callscope] ${alerts.length} alerts: ${first?.ruleName ?? ""}`
      : `[callscope] ${first?.title ?? "Alert"}`;
  const text = alerts
    .map((alert) =>
      [
        alert.title,
        alert.summary,
        ...alert.facts.map((fact) => `  ${fact.name}: ${fact.value}`),
        alert.link ? `${alert.link.label}: ${alert.link.url}` : null,
      ]
        .filter((line) => line !== null)
        .join("\n"),
    )
    .join("\n\n");
  const html = alerts
    .map(
      (alert) =>
        `<h2 style="font-size:16px">${escape(alert.title)}</h2><p>${escape(alert.summary)}</p>` +
        (alert.facts.length
          ? `<table>${alert.facts.map((f) => `<tr><th align="left">${escape(f.name)}</th><td>${escape(f.value)}</td></tr>`).join("")}</table>`
          : "") +
        (alert.link ? `<p><a href="${escape(alert.link.url)}">${escape(alert.link.label)}</a></p>` : ""),
    )
    .join("<hr>");
  const footer = `Sent by callscope for the rule "${first?.ruleName ?? ""}".`;
  return {
    subject: subject.slice(0, 200),
    text: `${text}\n\n${footer}\n`,
    html: `${html}<p style="color:#666">${escape(footer)}</p>`,
  };
}
