package dev.weir.api.prog;

/** TEST-ONLY stand-in for an enum of the program API (a switch over it needs javac's $SwitchMap). */
public enum XdpLikeAction {
    DROP, PASS, TX
}
