package io.workbench.server.auth;

/** The page shown to a browser without a valid token: a field to paste it into. */
final class LoginPage {
    static final String HTML = """
            <!doctype html><html><head><meta charset="utf-8"><title>Workbench: token required</title>
            <style>body{font:15px system-ui,sans-serif;max-width:36rem;margin:4rem auto;color:#222}
            input{font:inherit;width:100%;padding:.4rem;margin:.5rem 0}button{font:inherit;padding:.4rem 1rem}</style>
            </head><body><h1>Token required</h1>
            <p>Open the URL that <code>./workbench start</code> printed, or paste its token here.</p>
            <form method="get" action="/"><input name="token" type="password" autocomplete="off" autofocus
            aria-label="token"><button type="submit">Open the workbench</button></form></body></html>
            """;

    private LoginPage() {
    }
}
