package dev.weir.js;

import org.graalvm.polyglot.Value;

/** How JavaScript values are named in Weir's messages. */
final class JsValues {
    private JsValues() {
    }

    /** A short description of a JavaScript value for messages, without running any of its code. */
    static String describe(Value v) {
        if (v == null) {
            return "nothing";
        }
        if (v.isNull()) {
            return v.toString();
        }
        if (v.isString()) {
            String s = v.asString();
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.toString();
        }
        Value meta = v.getMetaObject();
        String type = meta == null ? "object" : meta.getMetaSimpleName();
        if ("Promise".equals(type)) {
            return "a Promise (programs are synchronous: no async functions)";
        }
        return v.canExecute() ? "a function" : "a value of type " + type;
    }
}
