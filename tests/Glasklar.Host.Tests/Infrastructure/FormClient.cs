using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Glasklar.Host.Tests.Infrastructure;

/// <summary>
/// A small browser stand-in over the test server: keeps cookies (as a browser would, ignoring the
/// Secure flag on this loopback test server), reads pages, and posts forms with their antiforgery token.
/// </summary>
public sealed class FormClient(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>Set-Cookie headers of the last response, verbatim (for attribute checks).</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public IHtmlDocument? LastPage { get; private set; }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            LastPage = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        }

        return response;
    }

    /// <summary>Posts the fields to the path, adding the antiforgery token of the last page read.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields)
    {
        var token = LastPage?.QuerySelector("main form input[name=__af]")?.GetAttribute("value")
            ?? LastPage?.QuerySelector("input[name=__af]")?.GetAttribute("value");
        if (token is not null)
        {
            fields["__af"] = token;
        }

        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            LastPage = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        }

        return response;
    }

    public void Forget(string cookie) => _cookies.Remove(cookie);

    public void Set(string cookie, string value) => _cookies[cookie] = value;

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await http.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
        foreach (var header in LastSetCookies)
        {
            var pair = header.Split(';')[0];
            var name = pair[..pair.IndexOf('=')];
            var value = pair[(pair.IndexOf('=') + 1)..];
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }

        return response;
    }

    public static bool IsRedirectTo(HttpResponseMessage response, string pathPrefix) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
        && response.Headers.Location?.OriginalString.StartsWith(pathPrefix, StringComparison.Ordinal) == true;
}
