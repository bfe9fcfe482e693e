package dev.subtitles.downloader.provider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.subtitles.downloader.config.DownloaderConfig;

/**
 * The enabled providers, in the order a job tries them: the job's preferred providers first (when enabled), then
 * the configured order.
 */
@ApplicationScoped
public class ProviderRegistry {

    private static final Logger LOG = Logger.getLogger(ProviderRegistry.class);

    private final Map<String, SubtitleProvider> enabled;
    private final List<String> order;

    public ProviderRegistry(Instance<SubtitleProvider> providers, DownloaderConfig config) {
        Map<String, SubtitleProvider> byName = providers.stream()
                .collect(Collectors.toMap(SubtitleProvider::name, Function.identity()));
        List<String> unknown = config.providers().stream().map(String::trim).filter(n -> !byName.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Unknown providers in downloader.providers: " + unknown + ", known: "
                    + byName.keySet());
        }
        this.order = config.providers().stream().map(String::trim).filter(name -> {
            boolean configured = byName.get(name).configured();
            if (!configured) {
                LOG.warnf("Provider %s is enabled but not configured; it is left out (see README)", name);
            }
            return configured;
        }).distinct().toList();
        this.enabled = byName;
        LOG.infof("Subtitle providers in order: %s", order);
    }

    /** The provider of that name, to download a candidate it returned. */
    public SubtitleProvider byName(String name) {
        SubtitleProvider provider = enabled.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("No provider named " + name);
        }
        return provider;
    }

    /** Enabled providers for a job, preferred ones first; preferred names that are not enabled are ignored. */
    public List<SubtitleProvider> forJob(List<String> preferred) {
        Set<String> names = new LinkedHashSet<>();
        if (preferred != null) {
            preferred.stream().filter(order::contains).forEach(names::add);
        }
        names.addAll(order);
        List<SubtitleProvider> result = new ArrayList<>();
        names.forEach(name -> result.add(enabled.get(name)));
        return result;
    }
}
