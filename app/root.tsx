import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { useNonce } from "~/components/nonce";
import "~/components/zod-without-eval";
import { NotificationBell } from "~/notifications/NotificationBell";
import { unreadNotificationCount } from "~/notifications/notifications.server";
import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "APIMarketplace Pro workspaces" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return {
    user: user
      ? { name: user.name, email: user.email, unreadNotifications: await unreadNotificationCount(user.id) }
      : null,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="topbar">
          <Link to="/" className="brand">
            APIMarketplace <strong>Pro</strong>
          </Link>
          <nav aria-label="Account">
            {data?.user ? (
              <>
                <NotificationBell initialUnread={data.user.unreadNotifications} />
                <span className="muted" data-testid="signed-in-as">
                  {data.user.name}
                </span>
                <Link to="/settings/tokens">Tokens</Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    Log out
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">Log in</Link>
                <Link to="/signup">Sign up</Link>
              </>
            )}
          </nav>
        </header>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Every error a person sees: a short explanation, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "The error has been logged. Try again, or go back to your workspaces.";
  if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? "Not found" : error.status === 403 ? "Not allowed" : `Error ${error.status}`;
    const body = error.data as { error?: string } | string | undefined;
    message = (typeof body === "object" ? body?.error : body) || error.statusText || message;
  }
  return (
    <main className="page narrow">
      <h1>{title}</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/workspaces">Back to your workspaces</Link>
      </p>
    </main>
  );
}
