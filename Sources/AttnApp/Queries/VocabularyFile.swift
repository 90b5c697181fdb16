extension Vocabulary {
    /// A user's embedding file. Until the file readers land this is refused
    /// with a clear message rather than silently ignored.
    public static func load(path: String) throws(QueryError) -> Vocabulary {
        throw QueryError("\(path): --embeddings is not supported yet (file readers are in progress)")
    }
}
