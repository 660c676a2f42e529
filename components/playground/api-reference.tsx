"use client";

import { useEffect, useRef, type ComponentType, type TextareaHTMLAttributes } from "react";
import SwaggerUI from "swagger-ui-react";
import "swagger-ui-react/swagger-ui.css";
import "./api-reference.css";

/**
 * The page says what the document is and there is one server: Swagger UI's own
 * title block and server picker go. Its text areas (request bodies) get a name.
 */
const PAGE_OWNS_THE_HEADER = () => ({
  components: { InfoContainer: () => null, ServersContainer: () => null },
  wrapComponents: {
    TextArea: (Original: ComponentType<TextareaHTMLAttributes<HTMLTextAreaElement>>) =>
      function NamedTextArea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
        return <Original aria-label={props.className?.includes("body-param") ? "Request body" : "Value"} {...props} />;
      },
  },
});

type System = { preauthorizeApiKey(scheme: string, value: string): void; authActions: { logout(names: string[]): void } };

/**
 * Swagger UI over the gateway's own API reference (`/gateway/openapi.json`,
 * served by the gateway; calls go to `/gateway`). The token is handed to Swagger
 * UI's authorisation state, which lives in memory (persistAuthorization off): it
 * is never written to storage, a cookie or the URL. Loaded only on /playground.
 */
export default function ApiReference({ token }: { token: string }) {
  const system = useRef<System | null>(null);
  const current = useRef(token);

  useEffect(() => {
    current.current = token;
    if (!system.current) return;
    if (token) system.current.preauthorizeApiKey("userToken", token);
    else system.current.authActions.logout(["userToken"]);
  }, [token]);

  return (
    // Swagger UI draws for a light page: in dark mode it is inverted on a white ground (so contrast checks see what people see).
    <div className="rounded-lg border bg-white text-black dark:[filter:invert(0.9)_hue-rotate(180deg)]">
      <SwaggerUI
        url="/gateway/openapi.json"
        plugins={[PAGE_OWNS_THE_HEADER]}
        onComplete={(s) => {
          system.current = s as unknown as System;
          if (current.current) system.current.preauthorizeApiKey("userToken", current.current);
        }}
        // Only the gateway's own document: no ?url= or ?configUrl= from the address bar, no state in the URL.
        queryConfigEnabled={false}
        deepLinking={false}
        persistAuthorization={false}
        tryItOutEnabled
        displayRequestDuration
        defaultModelsExpandDepth={-1}
        docExpansion="list"
        requestInterceptor={(req) => {
          // The gateway never reads cookies; the console's session cookie is not sent with it.
          (req as unknown as { credentials: RequestCredentials }).credentials = "omit";
          return req;
        }}
      />
    </div>
  );
}
