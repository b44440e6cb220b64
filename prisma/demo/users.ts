/**
 * Demo accounts seeded into an empty database. Their passwords are public on purpose:
 * the log-in page lists them only when SHOW_DEMO_CREDENTIALS is true (`npm start` in
 * development); never seed them into a production database.
 */
export const DEMO_USERS = [
  {
    key: "ada",
    name: "Ada Lovelace",
    email: "ada@demo.apimarketplace.dev",
    password: "ada-demo-password",
    role: "OWNER",
  },
  {
    key: "grace",
    name: "Grace Hopper",
    email: "grace@demo.apimarketplace.dev",
    password: "grace-demo-password",
    role: "MEMBER",
  },
  {
    key: "victor",
    name: "Victor Viewer",
    email: "victor@demo.apimarketplace.dev",
    password: "victor-demo-password",
    role: "VIEWER",
  },
] as const;
