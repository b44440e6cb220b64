import { formatDay, formatMoney } from "./format";
import type { BillingOverview } from "./overview.server";

const INVOICE_STATUS: Record<string, string> = {
  open: "Due",
  paid: "Paid",
  void: "Void",
  uncollectible: "Uncollectible",
};

/** Past invoices, newest first, with Stripe's page and PDF for each. */
export function InvoiceTable({ invoices, enabled }: { invoices: BillingOverview["invoices"]; enabled: boolean }) {
  if (invoices.length === 0)
    return (
      <p className="empty">
        {enabled
          ? "No invoices yet. Stripe issues the first one when you choose a paid plan."
          : "No invoices: billing is off on this server."}
      </p>
    );
  return (
    <div className="table-scroll">
      <table className="invoice-table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Invoice</th>
            <th scope="col">Period</th>
            <th scope="col" className="number">
              Amount
            </th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((i) => (
            <tr key={i.id} data-testid="invoice-row">
              <td>{formatDay(i.issuedAt)}</td>
              <td>{i.number ?? "—"}</td>
              <td>{i.periodStart && i.periodEnd ? `${formatDay(i.periodStart)} – ${formatDay(i.periodEnd)}` : "—"}</td>
              <td className="number">{formatMoney(i.total, i.currency)}</td>
              <td>
                <span className={`invoice-status ${i.status}`}>{INVOICE_STATUS[i.status] ?? i.status}</span>
              </td>
              <td className="invoice-links">
                {i.hostedInvoiceUrl ? (
                  <a href={i.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                    View
                  </a>
                ) : null}
                {i.invoicePdf ? (
                  <a href={i.invoicePdf} target="_blank" rel="noreferrer">
                    PDF
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
