package dev.subtitles.downloader.provider.opensubtitles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.ProviderException;
import dev.subtitles.downloader.provider.SearchQuery;
import dev.subtitles.downloader.provider.SubtitleProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The OpenSubtitles REST API v1: {@code GET /api/v1/subtitles} to search, {@code POST /api/v1/download} for a
 * temporary link, then the link itself for the file. Every call carries {@code Api-Key} and {@code User-Agent}; with
 * a user name and password, a token from {@code POST /api/v1/login} is added (it raises the download quota).
 * <p>
 * Search parameters are sent sorted by name with lowercase values, as the API asks (it redirects other orders).
 * Each file of each result is one candidate; its reference is the {@code file_id}.
 */
@ApplicationScoped
public class OpenSubtitlesProvider implements SubtitleProvider {

    /** The provider's name in configuration and events. */
    public static final String NAME = "opensubtitles";

    private static final Logger LOG = Logger.getLogger(OpenSubtitlesProvider.class);

    private final DownloaderConfig.OpenSubtitles config;
    private final WebClient client;
    private final Clock clock;
    private volatile String token;

    public OpenSubtitlesProvider(DownloaderConfig config, Vertx vertx, Clock clock) {
        this.config = config.opensubtitles();
        this.clock = clock;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) this.config.timeout().toMillis())
                .setFollowRedirects(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return config.apiKey().filter(key -> !key.isBlank()).isPresent();
    }

    @Override
    public Uni<List<Candidate>> search(SearchQuery query) {
        String url = config.url() + "/api/v1/subtitles?" + queryString(parameters(query));
        return call(() -> withHeaders(client.getAbs(url)).send(), "search")
                .map(response -> candidates(OpenSubtitlesAnswers.jsonOrEmpty(response)));
    }

    @Override
    public Uni<byte[]> download(Candidate candidate) {
        JsonObject body = new JsonObject().put("file_id", Long.parseLong(candidate.reference()));
        return authorization()
                .flatMap(bearer -> call(() -> {
                    HttpRequest<Buffer> request = withHeaders(client.postAbs(config.url() + "/api/v1/download"));
                    bearer.forEach(request::putHeader);
                    return request.sendJsonObject(body);
                }, "download"))
                .map(response -> OpenSubtitlesAnswers.jsonOrEmpty(response))
                .invoke(answer -> LOG.debugf("OpenSubtitles download quota: %s left",
                        answer.getValue("remaining")))
                .flatMap(answer -> {
                    String link = answer.getString("link");
                    if (link == null) {
                        throw ProviderException.unavailable(NAME, "download answered without a link", null);
                    }
                    return call(() -> client.getAbs(link).putHeader("User-Agent", config.userAgent()).send(),
                            "file");
                })
                .map(response -> response.body() == null ? new byte[0] : response.body().getBytes());
    }

    private Uni<HttpResponse<Buffer>> call(Supplier<Uni<? extends HttpResponse<Buffer>>> request,
            String what) {
        if (config.apiKey().isEmpty()) {
            return Uni.createFrom().failure(ProviderException.rejected(NAME,
                    "not configured: set downloader.opensubtitles.api-key (DOWNLOADER_OPENSUBTITLES_API_KEY)"));
        }
        return Uni.createFrom().deferred(request)
                .ifNoItem().after(config.timeout()).fail()
                .onFailure(failure -> !(failure instanceof ProviderException))
                .transform(failure -> ProviderException.unavailable(NAME, what + " failed: " + failure, failure))
                .map(response -> OpenSubtitlesAnswers.requireSuccess(response, what, clock));
    }

    private HttpRequest<Buffer> withHeaders(HttpRequest<Buffer> request) {
        return request.putHeader("Api-Key", config.apiKey().orElse(""))
                .putHeader("User-Agent", config.userAgent())
                .putHeader("Accept", "application/json")
                .timeout(config.timeout().toMillis());
    }

    /** {@code Authorization} header with a login token when an account is configured, else nothing. */
    private Uni<Map<String, String>> authorization() {
        if (config.username().isEmpty() || config.password().isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        if (token != null) {
            return Uni.createFrom().item(Map.of("Authorization", "Bearer " + token));
        }
        JsonObject credentials = new JsonObject().put("username", config.username().get())
                .put("password", config.password().get());
        return call(() -> withHeaders(client.postAbs(config.url() + "/api/v1/login")).sendJsonObject(credentials),
                "login")
                .map(response -> {
                    token = OpenSubtitlesAnswers.jsonOrEmpty(response).getString("token");
                    return token == null ? Map.<String, String> of() : Map.of("Authorization", "Bearer " + token);
                });
    }

    /** Search parameters, sorted by name, lowercase values, as the API documentation asks. */
    static SortedMap<String, String> parameters(SearchQuery query) {
        SortedMap<String, String> parameters = new TreeMap<>();
        parameters.put("languages", query.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(",")));
        if (query.imdbId() != null) {
            String number = query.imdbId().toLowerCase(Locale.ROOT).replace("tt", "").replaceFirst("^0+", "");
            parameters.put(query.isEpisode() ? "parent_imdb_id" : "imdb_id", number);
        } else if (query.title() != null) {
            parameters.put("query", query.title().toLowerCase(Locale.ROOT));
        }
        if (query.fileHash() != null) {
            parameters.put("moviehash", query.fileHash().toLowerCase(Locale.ROOT));
        }
        if (query.year() != null && !query.isEpisode()) {
            parameters.put("year", query.year().toString());
        }
        if (query.season() != null) {
            parameters.put("season_number", query.season().toString());
        }
        if (query.episode() != null) {
            parameters.put("episode_number", query.episode().toString());
        }
        if (query.hearingImpaired() != null) {
            parameters.put("hearing_impaired", query.hearingImpaired() ? "include" : "exclude");
        }
        return parameters;
    }

    private static String queryString(SortedMap<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20")
                        .replace("%2C", ","))
                .collect(Collectors.joining("&"));
    }

    /** One candidate per file of each result; results without files cannot be downloaded and are skipped. */
    static List<Candidate> candidates(JsonObject answer) {
        List<Candidate> candidates = new ArrayList<>();
        JsonArray data = answer.getJsonArray("data", new JsonArray());
        for (int i = 0; i < data.size(); i++) {
            JsonObject attributes = data.getJsonObject(i).getJsonObject("attributes", new JsonObject());
            JsonObject feature = attributes.getJsonObject("feature_details", new JsonObject());
            JsonArray files = attributes.getJsonArray("files", new JsonArray());
            Object imdb = feature.getValue("imdb_id");
            String title = feature.getString("parent_title") != null ? feature.getString("parent_title")
                    : feature.getString("title");
            for (int f = 0; f < files.size(); f++) {
                Object fileId = files.getJsonObject(f).getValue("file_id");
                if (fileId == null) {
                    continue;
                }
                candidates.add(new Candidate(NAME, fileId.toString(),
                        attributes.getString("language", "").toLowerCase(Locale.ROOT), title,
                        feature.getInteger("year"), imdb == null ? null : "tt" + imdb,
                        feature.getInteger("season_number"), feature.getInteger("episode_number"),
                        attributes.getString("release"), attributes.getBoolean("moviehash_match", false),
                        attributes.getBoolean("hearing_impaired", false),
                        attributes.getLong("download_count", 0L)));
            }
        }
        return candidates;
    }
}
