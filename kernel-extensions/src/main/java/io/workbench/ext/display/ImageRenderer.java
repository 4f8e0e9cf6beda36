package io.workbench.ext.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Renders images (charts drawn with java.awt, for example) as base64 PNG. */
final class ImageRenderer implements Renderer {
    @Override
    public boolean supports(Object value) {
        return value instanceof RenderedImage;
    }

    @Override
    public MimeBundle render(Object value, RenderOptions options) {
        RenderedImage image = (RenderedImage) value;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return MimeBundle.builder()
                .put(MimeBundle.PNG, Base64.getEncoder().encodeToString(out.toByteArray()))
                .put(MimeBundle.TEXT, "image " + image.getWidth() + "x" + image.getHeight())
                .meta(MimeBundle.PNG, java.util.Map.of("width", image.getWidth(), "height", image.getHeight()))
                .build();
    }
}
