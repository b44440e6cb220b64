import { z } from "zod";
import { Email } from "~/http/validation.server";

export const SignupSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(100, "Use at most 100 characters."),
  email: Email,
  password: z
    .string({ error: "Choose a password." })
    .min(10, "Use at least 10 characters.")
    .max(200, "Use at most 200 characters."),
});

export const LoginSchema = z.object({
  email: Email,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(200, "Use at most 200 characters."),
});
