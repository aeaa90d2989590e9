package io.eventyard.email.template;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a template's text and HTML bodies with Thymeleaf. Two engines, because the two bodies need
 * different escaping: TEXT mode writes values as they are, HTML mode escapes them, so a model value
 * such as {@code <script>} can never become markup in the HTML part.
 */
@Singleton
public class MailTemplateRenderer {

    static final String TEMPLATE_ROOT = "templates/email/";

    private final TemplateEngine textEngine = engine(TemplateMode.TEXT, ".txt");
    private final TemplateEngine htmlEngine = engine(TemplateMode.HTML, ".html");

    public RenderedMail render(EmailTemplate template, Map<String, String> model) {
        Context context = new Context(Locale.ROOT);
        model.forEach(context::setVariable);
        return new RenderedMail(
                template.subject(model),
                textEngine.process(template.templateName(), context),
                htmlEngine.process(template.templateName(), context));
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplateRenderer.class.getClassLoader());
        resolver.setPrefix(TEMPLATE_ROOT);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
