package io.workbench.protocol.messages;

import java.util.List;

public record KernelInfoReply(String status, String protocolVersion, String implementation,
                              String implementationVersion, LanguageInfo languageInfo, String banner,
                              List<HelpLink> helpLinks, boolean debugger) {

    public record LanguageInfo(String name, String version, String mimetype, String fileExtension,
                               String pygmentsLexer, String codemirrorMode, String nbconvertExporter) {
    }

    public record HelpLink(String text, String url) {
    }
}
